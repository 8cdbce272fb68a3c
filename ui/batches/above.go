package batches

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"superdash/model"
	"superdash/ui/common"
)

// The lines above the list: the throughput strip (a line of completions
// and one of failures) and the legend of the progress bars. They give way
// to the list on a short screen, the strip first, so a few rows always
// show.
const (
	stripLines = 2
	// legendMinHeight and stripMinHeight are the least heights at which
	// the legend, and then the strip as well, show.
	legendMinHeight = 4
	stripMinHeight  = 10
)

// aboveLines is how many lines the view draws above the list at a size.
func aboveLines(width, height int) int {
	switch {
	case width <= 0 || height < legendMinHeight:
		return 0
	case height < stripMinHeight:
		return 1
	}
	return stripLines + 1
}

// aboveKey is what the lines above the list depend on: the size, the
// store's contents, and the minute the clock is in (the throughput counts
// whole minutes).
type aboveKey struct {
	width, lines int
	store        *model.Store
	version      uint64
	minute       int64
}

// aboveCache keeps the lines above the list between frames: they change
// at most once a minute or a sync, and drawing them is a good part of a
// frame of few rows. It is shared by the copies of a Model.
type aboveCache struct {
	key  aboveKey
	text string
	ok   bool
}

// above draws the lines above the list, each exactly width cells wide and
// ending in a newline.
func (m Model) above() string {
	n := aboveLines(m.width, m.height)
	if n == 0 {
		return ""
	}
	now := m.c.JobNow()
	key := aboveKey{width: m.width, lines: n, store: m.store, minute: now.Truncate(time.Minute).Unix()}
	if m.store != nil {
		key.version = m.store.Version()
	}
	if m.cache.ok && m.cache.key == key {
		return m.cache.text
	}
	s := m.c.Styles
	var lines [][]common.Run
	if n > 1 {
		var t model.Throughput
		if m.store != nil {
			t = m.store.Throughput(now)
		}
		lines = append(lines, throughputLines(t, s)...)
	}
	lines = append(lines, common.OutcomeLegend(nil, s))
	var b strings.Builder
	for _, runs := range lines {
		row := common.NewRow(s.Cell)
		row.Cell(m.width, runs...)
		b.WriteString(row.String())
		b.WriteByte('\n')
	}
	*m.cache = aboveCache{key: key, text: b.String(), ok: true}
	return m.cache.text
}

// throughputLines are the completions and the failures per minute over
// the throughput window, as sparklines ending at the current minute, with
// their totals, the current rate (jobs ended per minute over the last few)
// and the share of failures over the window:
//
//	completed ▁▁▂▃▅▇█▇▅…  812 in 30m  ending 27/min now
//	failed    ▁▁▁▂▁▁▃▁▁…   40 in 30m  failure rate 4.7%
//
// All of it is counted from the stored jobs' completed times: drawing it
// asks the API for nothing. The header's strip is the same on one line
// (common.ThroughputLine).
func throughputLines(t model.Throughput, s common.Styles) [][]common.Run {
	f := common.Figures(t)
	width := max(len(f.Completed), len(f.Failed))
	window := " in " + strconv.Itoa(model.ThroughputWindow) + "m  "
	return [][]common.Run{{
		common.Plain("completed "),
		common.CompletedSpark(t, model.ThroughputWindow, s),
		common.Plain(fmt.Sprintf("  %*s", width, f.Completed) + window + "ending " + f.Rate + " now"),
	}, {
		common.Plain("failed    "),
		common.FailedSpark(t, model.ThroughputWindow, s),
		common.Plain(fmt.Sprintf("  %*s", width, f.Failed) + window + f.FailureRate),
	}}
}
