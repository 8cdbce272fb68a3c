package keymap

import (
	"reflect"
	"slices"
	"testing"

	"github.com/charmbracelet/bubbles/key"
)

// TestEveryBindingHasAnAction walks KeyMap by reflection, so a binding added
// to it without a line in actions cannot go unnoticed.
func TestEveryBindingHasAnAction(t *testing.T) {
	k := Default()
	named := map[*key.Binding]string{}
	seen := map[string]bool{}
	for _, a := range Actions() {
		if seen[a.Name] {
			t.Errorf("action %q is listed twice", a.Name)
		}
		seen[a.Name] = true
		named[a.Binding(&k)] = a.Name
	}
	groups := reflect.ValueOf(&k).Elem()
	for i := range groups.NumField() {
		group := groups.Field(i)
		for j := range group.NumField() {
			b := group.Field(j).Addr().Interface().(*key.Binding)
			if _, ok := named[b]; !ok {
				t.Errorf("%s.%s has no action in actions", groups.Type().Field(i).Name, group.Type().Field(j).Name)
			}
		}
	}
	for scope, names := range ScopeActions() {
		if slices.Contains(names, "") {
			t.Errorf("scope %s holds a binding without an action: %v", scope, names)
		}
	}
	if len(ScopeActions()[TableScope]) == 0 {
		t.Errorf("no scope %q: saved-filter keys are checked against it", TableScope)
	}
}

func TestRebind(t *testing.T) {
	k := Default()
	if err := k.Rebind("up", []string{"up", "k"}); err != nil {
		t.Fatal(err)
	}
	if got := k.Nav.Up.Help().Key; got != "↑/k" {
		t.Errorf("rebinding to the same keys changed the label to %q", got)
	}
	if err := k.Rebind("up", []string{"up", "i"}); err != nil {
		t.Fatal(err)
	}
	if got, want := k.Nav.Up.Keys(), []string{"up", "i"}; !slices.Equal(got, want) {
		t.Errorf("keys = %v, want %v", got, want)
	}
	if got, want := k.Nav.Up.Help(), (key.Help{Key: "↑/i", Desc: "up"}); got != want {
		t.Errorf("help = %+v, want %+v", got, want)
	}
	if err := k.Rebind("upp", []string{"x"}); err == nil {
		t.Error("unknown action: no error")
	}
	if err := k.Rebind("up", nil); err == nil {
		t.Error("no keys: no error")
	}
}

func TestConflicts(t *testing.T) {
	if c := Default().Conflicts(); len(c) != 0 {
		t.Fatalf("defaults conflict: %+v", c)
	}
	k := Default()
	mustRebind(t, &k, "search", []string{"/", "r"}) // refresh is r, in the detail scope only
	mustRebind(t, &k, "quit", []string{"j"})        // down is j, in the table, the detail and the chart
	mustRebind(t, &k, "accept_input", []string{"enter", "ctrl+c"})
	want := []Conflict{
		{Key: "ctrl+c", Actions: [2]string{"force_quit", "accept_input"}, Scopes: []string{"input"}},
		{Key: "j", Actions: [2]string{"quit", "down"}, Scopes: []string{"chart", "detail", "journal", "table"}},
		{Key: "r", Actions: [2]string{"refresh", "search"}, Scopes: []string{"detail"}},
	}
	if got := k.Conflicts(); !reflect.DeepEqual(got, want) {
		t.Errorf("conflicts:\n got %+v\nwant %+v", got, want)
	}
}

func mustRebind(t *testing.T, k *KeyMap, name string, keys []string) {
	t.Helper()
	if err := k.Rebind(name, keys); err != nil {
		t.Fatal(err)
	}
}

// The space bar reaches Bubble Tea as " ": a config saying "space" means it.
func TestRebindSpace(t *testing.T) {
	k := Default()
	mustRebind(t, &k, "mark", []string{"space"})
	if got := k.Table.Mark.Keys(); !slices.Equal(got, []string{" "}) {
		t.Errorf("keys = %q, want the space bar %q", got, " ")
	}
	mustRebind(t, &k, "mark", []string{"x", " "})
	if got := k.Table.Mark.Help().Key; got != "x/space" {
		t.Errorf("label = %q, want x/space", got)
	}
}

func TestWithoutActionsDisablesEveryAction(t *testing.T) {
	k := Default().WithoutActions()
	for _, b := range []key.Binding{k.Table.Cancel, k.Table.Restart, k.Table.Mark, k.Table.MarkAll, k.Table.ClearMarks, k.Bulk.Retry} {
		if b.Enabled() {
			t.Errorf("%q is still enabled", b.Help().Desc)
		}
	}
	if !k.Table.Filter.Enabled() || !k.Global.Journal.Enabled() {
		t.Error("bindings other than actions were disabled")
	}
}
