package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/x/ansi"

	"superdash/config"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/sanitize"
)

// savedTab is one saved filter of the config file: a tab above the table
// with a live count of its jobs, and a key that applies it.
type savedTab struct {
	name, query string
	key         key.Binding
	count       int
}

// tabBar holds the saved filters and counts their jobs once per store
// version, not per frame.
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

// recount brings the counts up to date with the store when it changed.
// A query that no longer parses (the config check already passed it)
// counts nothing rather than everything.
func (b *tabBar) recount(store *model.Store, now time.Time) {
	if store == b.store && store.Version() == b.version {
		return
	}
	b.store, b.version = store, store.Version()
	for i := range b.tabs {
		b.tabs[i].count = 0
		q, err := model.ParseQuery(b.tabs[i].query, now)
		if err != nil {
			continue
		}
		b.tabs[i].count = store.CountMatches(q)
	}
}

// view is the tab line: each saved filter with its key and count, the one
// in force highlighted.
func (b tabBar) view(c *common.Common, active string, width int) string {
	parts := make([]string, len(b.tabs))
	for i, t := range b.tabs {
		label := sanitize.Line(t.name) + " " + thousands(t.count)
		if ks := t.key.Keys(); len(ks) > 0 {
			label = ks[0] + " " + label
		}
		style := c.Styles.Muted
		if strings.TrimSpace(active) == strings.TrimSpace(t.query) {
			style = c.Styles.Selected
		}
		parts[i] = style.Render(" " + label + " ")
	}
	line := strings.Join(parts, c.Styles.Muted.Render("│"))
	if ansi.StringWidth(line) > width {
		line = common.Cut(line, width)
	}
	return line
}
