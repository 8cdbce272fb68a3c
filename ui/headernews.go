package ui

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"superdash/model"
	"superdash/ui/common"
)

// The header's news: the since line (since.go) and, on a wide terminal,
// the throughput strip. They share the header's third line, the since
// line on the left, the strip on the right; while that line holds an
// error banner or a load's progress, the since line moves beside the
// counts, where it stays if it fits.

// stripMinWidth is the narrowest terminal the header draws the
// throughput strip on: below it, the strip's sparklines would leave the
// since line no room. The batches view draws it in full at any width.
const stripMinWidth = 100

// stripSparkWidths are the widths of the strip's sparklines, widest
// first: a cell a minute, then a cell for two.
var stripSparkWidths = []int{model.ThroughputWindow, model.ThroughputWindow / 2}

// sinceKey is what the since line is counted from: the store's contents
// and the mark.
type sinceKey struct {
	store   *model.Store
	version uint64
	mark    moment
}

// newsKey is everything the news line is drawn from: the since line, the
// minute the world's clock is in (the strip counts whole minutes), the
// width and the theme. A clock tick within the minute draws nothing.
type newsKey struct {
	since  sinceKey
	minute int64
	width  int
	theme  common.Theme
	strip  bool
}

func (h header) sinceKey() sinceKey {
	return sinceKey{store: h.store, version: h.store.Version(), mark: h.since.mark}
}

// sinceShown reports whether the since line is of the store shown: not
// before its first full load, nor of another app's.
func (h header) sinceShown() bool {
	return h.showsApp && h.since.store != nil && h.since.store == h.store
}

// sinceForms are the since line's forms, fullest first (common.SinceForms);
// nil when nothing changed. Counting walks every job, so the forms are
// kept until the store or the mark change.
func (h header) sinceForms() [][]common.Run {
	if !h.sinceShown() {
		return nil
	}
	draw := func() [][]common.Run {
		return common.SinceForms(h.since.counts(), h.since.mark.world, h.c.Styles)
	}
	if h.cache == nil {
		return draw()
	}
	return h.cache.since.get(h.sinceKey(), draw)
}

// newsView is the third line when it holds no banner or progress: the
// since line and the strip, fitted, kept between changes.
func (h header) newsView() string {
	if !h.showsApp {
		return common.Fit("", h.width)
	}
	now := h.c.JobNow()
	draw := func() string { return h.newsLine(now) }
	if h.cache == nil {
		return draw()
	}
	key := newsKey{minute: now.Truncate(time.Minute).Unix(), width: h.width, theme: common.CurrentTheme(), strip: h.showsStrip()}
	if h.sinceShown() {
		key.since = h.sinceKey()
	} else {
		key.since.store = h.store // the strip's source, without a since line
		key.since.version = h.store.Version()
	}
	return h.cache.news.get(key, draw)
}

// showsStrip reports whether the header draws the throughput strip: when
// the width allows, and the screen does not draw it in full below.
func (h header) showsStrip() bool {
	return h.width >= stripMinWidth && !h.stripBelow
}

// newsLine draws the news line as of now on the world's clock.
func (h header) newsLine(now time.Time) string {
	var strips [][]common.Run
	if h.showsStrip() {
		t := h.store.Throughput(now)
		for _, w := range stripSparkWidths {
			strips = append(strips, common.ThroughputLine(t, w, h.c.Styles))
		}
	}
	since, strip := placeNews(h.sinceForms(), strips, h.width)
	row := common.NewRow(h.c.Styles.Cell)
	if strip == nil {
		row.Cell(h.width, since...)
		return row.String()
	}
	stripWidth := runsWidth(strip)
	row.Cell(h.width-stripWidth-common.ColumnGap, since...)
	row.Cell(stripWidth, strip...)
	return row.String()
}

// placeNews picks the forms of the since line and the strip that share a
// line width cells wide. The since line comes first: the strip keeps as
// wide a form as fits beside the fullest since line that still says
// since when; failing that, the strip gives way, and the since line
// takes the line alone, as full as fits, its failures the last to go.
// A nil strip is none; a since line too long even in its shortest form
// is the shortest, to be cut.
func placeNews(forms, strips [][]common.Run, width int) (since, strip []common.Run) {
	if len(forms) == 0 {
		for _, t := range strips {
			if runsWidth(t) <= width {
				return nil, t
			}
		}
		return nil, nil
	}
	withTime := forms[:len(forms)-1] // the last form drops the time
	for _, f := range withTime {
		for _, t := range strips {
			if runsWidth(f)+common.ColumnGap+runsWidth(t) <= width {
				return f, t
			}
		}
	}
	for _, f := range forms {
		if runsWidth(f) <= width {
			return f, nil
		}
	}
	return forms[len(forms)-1], nil
}

// besideCounts is the counts line with the since line at its right, in
// the fullest form that fits in the room the counts leave; the counts
// alone when none does.
func (h header) besideCounts(counts string) string {
	room := h.width - ansi.StringWidth(counts) - common.ColumnGap
	for _, f := range h.sinceForms() {
		if w := runsWidth(f); w <= room {
			row := common.NewRow(h.c.Styles.Cell)
			row.Cell(w, f...)
			return counts + strings.Repeat(" ", h.width-w-ansi.StringWidth(counts)) + row.String()
		}
	}
	return counts
}

// runsWidth is how many cells runs take.
func runsWidth(runs []common.Run) int {
	n := 0
	for _, r := range runs {
		n += ansi.StringWidth(r.Text)
	}
	return n
}
