package common

import (
	"strconv"
	"strings"

	"superdash/model"
)

// ThroughputFigures are the words a throughput strip writes beside its
// sparklines, the same in the batches view's two lines and the header's
// one, so that the two never disagree.
type ThroughputFigures struct {
	Completed, Failed string // the totals over the window: "812"
	FailureRate       string // "failure rate 4.7%"; "failure rate —" when no job ended to judge by
	Rate              string // the current rate, jobs ended: "27/min"
}

// Figures words t.
func Figures(t model.Throughput) ThroughputFigures {
	completed, failed := t.Totals()
	perMinute, _ := t.CurrentRate()
	rate := "failure rate —"
	if completed+failed > 0 {
		rate = "failure rate " + Percent(t.FailureRate())
	}
	return ThroughputFigures{
		Completed:   Thousands(completed),
		Failed:      Thousands(failed),
		FailureRate: rate,
		Rate:        PerMinute(perMinute),
	}
}

// CompletedSpark and FailedSpark are t's completions and failures per
// minute as sparklines width cells wide, in their statuses' colours.
func CompletedSpark(t model.Throughput, width int, s Styles) Run {
	return Styled(Sparkline(t.Completed[:], width), s.Status(model.StatusCompleted))
}

// FailedSpark: see CompletedSpark.
func FailedSpark(t model.Throughput, width int, s Styles) Run {
	return Styled(Sparkline(t.Failed[:], width), s.Status(model.StatusFailed))
}

// ThroughputLine is the throughput on one line, for the header: the
// completions and the failures of the window as sparklines sparkWidth
// cells wide (model.ThroughputWindow for one a minute; fewer fold
// neighbouring minutes together), each followed by its total, then the
// failure rate over the window and the current rate:
//
//	completed ▁▂▃▅▇… 812  failed ▁▁▂▁… 40  failure rate 4.7%  now 27/min
func ThroughputLine(t model.Throughput, sparkWidth int, s Styles) []Run {
	f := Figures(t)
	return []Run{
		Plain("completed "), CompletedSpark(t, sparkWidth, s), Plain(" " + f.Completed + "  failed "),
		FailedSpark(t, sparkWidth, s), Plain(" " + f.Failed + "  " + f.FailureRate + "  now " + f.Rate),
	}
}

// Percent is a share as a percentage with one decimal: "4.7%".
func Percent(share float64) string {
	return strconv.FormatFloat(share*100, 'f', 1, 64) + "%"
}

// PerMinute is a pace with one decimal below ten a minute, where it tells
// 0.1 from 0.9, and none above or for a whole number: "0.5/min", "2/min",
// "15/min".
func PerMinute(perMin float64) string {
	if perMin >= 10 {
		return strconv.Itoa(int(perMin+0.5)) + "/min"
	}
	return strings.TrimSuffix(strconv.FormatFloat(perMin, 'f', 1, 64), ".0") + "/min"
}
