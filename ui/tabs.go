package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"superdash/config"
	"superdash/model"
	"superdash/sanitize"
	"superdash/ui/common"
)

// savedTab is one saved filter of the config file: a tab above the table
// with a live count of its jobs, and a key that applies it.
type savedTab struct {
	name, query string
	key         key.Binding
	tally       *model.Tally // nil while the query does not parse
	since       time.Time    // when the tally was made
}

// ageStep is how far the count of a saved filter with an age in it
// (created:<1h) may lag the clock. Such a count is made again from scratch
// at a store change, so that its window moves, but not more often than
// this: a first load changes the store once per page, many times a second.
const ageStep = time.Second

// outdated reports whether the tab's tally no longer counts q, the tab's
// query as parsed now, over store.
func (t *savedTab) outdated(store *model.Store, q model.Query, now time.Time) bool {
	counted := t.tally.Query()
	switch {
	case t.tally.Store() != store:
		return true
	case counted.Equal(q):
		return false
	case counted.String() == q.String(): // the same ages, resolved at another time
		return now.Sub(t.since) >= ageStep
	}
	return true
}

// count is how many jobs the tab's query matches.
func (t savedTab) count() int {
	if t.tally == nil {
		return 0
	}
	return t.tally.Count()
}

// tabBar holds the saved filters. The store keeps their counts as it
// changes (model.Tally), asking each query only of the jobs a sync changed.
type tabBar struct {
	tabs    []savedTab
	version uint64
	store   *model.Store
}

func newTabBar(saved []config.SavedFilter) tabBar {
	tabs := make([]savedTab, len(saved))
	for i, s := range saved {
		tabs[i] = savedTab{name: s.Name, query: s.Query}
		if s.Key != "" {
			tabs[i].key = key.NewBinding(key.WithKeys(s.Key), key.WithHelp(s.Key, s.Name))
		}
	}
	return tabBar{tabs: tabs}
}

func (b tabBar) shown() bool { return len(b.tabs) > 0 }

// matched returns the query of the tab whose key msg is.
func (b tabBar) matched(msg fmt.Stringer) (string, bool) {
	for _, t := range b.tabs {
		if len(t.key.Keys()) > 0 && key.Matches(msg, t.key) {
			return t.query, true
		}
	}
	return "", false
}

// track sees that the counts are of store, and that a query with an age
// in it (created:<1h, in-status:>15m) counts the window as of now, or at
// most ageStep before, by counting it again from scratch then. A
// query that no longer parses (the config check already passed it) counts
// nothing rather than everything.
func (b *tabBar) track(store *model.Store, now time.Time) {
	if store == b.store && store.Version() == b.version && !b.aged(now) {
		return
	}
	b.store, b.version = store, store.Version()
	for i := range b.tabs {
		t := &b.tabs[i]
		q, err := model.ParseQuery(t.query, now)
		if t.tally != nil && (err != nil || t.outdated(store, q, now)) {
			t.tally.Drop()
			t.tally = nil
		}
		if err == nil && t.tally == nil {
			t.tally, t.since = store.Tally(q), now
		}
	}
}

// aged reports whether a tab counts an age window (created:<1h,
// in-status:>15m) as of ageStep ago or longer: time has moved it, even if
// the store has not changed, which is just when jobs sit stuck in a status.
func (b *tabBar) aged(now time.Time) bool {
	for _, t := range b.tabs {
		if t.tally != nil && t.tally.Query().Ages() && now.Sub(t.since) >= ageStep {
			return true
		}
	}
	return false
}

// view is the tab line: each saved filter with its key and count, the one
// in force highlighted.
func (b tabBar) view(c *common.Common, active string, width int) string {
	parts := make([]string, len(b.tabs))
	for i, t := range b.tabs {
		label := sanitize.Line(t.name) + " " + common.Thousands(t.count())
		if ks := t.key.Keys(); len(ks) > 0 {
			label = ks[0] + " " + label
		}
		style := c.Styles.Faint
		if strings.TrimSpace(active) == strings.TrimSpace(t.query) {
			style = c.Styles.Selection
		}
		parts[i] = style.Render(" " + label + " ")
	}
	line := strings.Join(parts, c.Styles.Faint.Render("│"))
	if ansi.StringWidth(line) > width {
		line = common.Cut(line, width)
	}
	return line
}
