package keymap

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
)

// Action is one binding under the stable name the config file's [keys]
// table uses for it.
type Action struct {
	Name    string
	binding func(*KeyMap) *key.Binding
}

// Binding is the action's binding in k.
func (a Action) Binding(k *KeyMap) *key.Binding { return a.binding(k) }

// actions names every binding of KeyMap, in the order config.example.toml
// lists them. A new binding needs its line here, or it cannot be rebound and
// TestEveryBindingHasAnAction fails.
var actions = []Action{
	{"quit", func(k *KeyMap) *key.Binding { return &k.Global.Quit }},
	{"force_quit", func(k *KeyMap) *key.Binding { return &k.Global.ForceQuit }},
	{"help", func(k *KeyMap) *key.Binding { return &k.Global.Help }},
	{"pause", func(k *KeyMap) *key.Binding { return &k.Global.Pause }},
	{"refresh", func(k *KeyMap) *key.Binding { return &k.Global.Refresh }},
	{"switch_app", func(k *KeyMap) *key.Binding { return &k.Global.SwitchApp }},
	{"journal", func(k *KeyMap) *key.Binding { return &k.Global.Journal }},
	{"up", func(k *KeyMap) *key.Binding { return &k.Nav.Up }},
	{"down", func(k *KeyMap) *key.Binding { return &k.Nav.Down }},
	{"page_up", func(k *KeyMap) *key.Binding { return &k.Nav.PageUp }},
	{"page_down", func(k *KeyMap) *key.Binding { return &k.Nav.PageDown }},
	{"top", func(k *KeyMap) *key.Binding { return &k.Nav.Top }},
	{"bottom", func(k *KeyMap) *key.Binding { return &k.Nav.Bottom }},
	{"open", func(k *KeyMap) *key.Binding { return &k.Table.Zoom }},
	{"focus_detail", func(k *KeyMap) *key.Binding { return &k.Table.FocusDetail }},
	{"filter", func(k *KeyMap) *key.Binding { return &k.Table.Filter }},
	{"show_all", func(k *KeyMap) *key.Binding { return &k.Table.FacetAll }},
	{"show_failed", func(k *KeyMap) *key.Binding { return &k.Table.FacetFailed }},
	{"show_moving", func(k *KeyMap) *key.Binding { return &k.Table.FacetMoving }},
	{"show_ended", func(k *KeyMap) *key.Binding { return &k.Table.FacetEnded }},
	{"next_failed", func(k *KeyMap) *key.Binding { return &k.Table.NextFailed }},
	{"sort", func(k *KeyMap) *key.Binding { return &k.Table.SortNext }},
	{"reverse_sort", func(k *KeyMap) *key.Binding { return &k.Table.SortReverse }},
	{"batches", func(k *KeyMap) *key.Binding { return &k.Table.Batches }},
	{"tags", func(k *KeyMap) *key.Binding { return &k.Table.Tags }},
	{"time_in_status", func(k *KeyMap) *key.Binding { return &k.Table.InStatus }},
	{"cancel", func(k *KeyMap) *key.Binding { return &k.Table.Cancel }},
	{"restart", func(k *KeyMap) *key.Binding { return &k.Table.Restart }},
	{"mark", func(k *KeyMap) *key.Binding { return &k.Table.Mark }},
	{"mark_all", func(k *KeyMap) *key.Binding { return &k.Table.MarkAll }},
	{"clear_marks", func(k *KeyMap) *key.Binding { return &k.Table.ClearMarks }},
	{"copy_id", func(k *KeyMap) *key.Binding { return &k.Table.CopyID }},
	{"copy_json", func(k *KeyMap) *key.Binding { return &k.Table.CopyJSON }},
	{"open_pager", func(k *KeyMap) *key.Binding { return &k.Table.OpenPager }},
	{"open_editor", func(k *KeyMap) *key.Binding { return &k.Table.OpenEditor }},
	{"export", func(k *KeyMap) *key.Binding { return &k.Table.Export }},
	{"copy_curl", func(k *KeyMap) *key.Binding { return &k.Table.CopyCurl }},
	{"resubmit", func(k *KeyMap) *key.Binding { return &k.Table.Resubmit }},
	{"watch", func(k *KeyMap) *key.Binding { return &k.Table.Watch }},
	{"search", func(k *KeyMap) *key.Binding { return &k.Detail.Search }},
	{"next_match", func(k *KeyMap) *key.Binding { return &k.Detail.NextMatch }},
	{"prev_match", func(k *KeyMap) *key.Binding { return &k.Detail.PrevMatch }},
	{"back", func(k *KeyMap) *key.Binding { return &k.Global.Back }},
	// Named apart from "cancel", which cancels jobs.
	{"accept_input", func(k *KeyMap) *key.Binding { return &k.Input.Accept }},
	{"cancel_input", func(k *KeyMap) *key.Binding { return &k.Input.Cancel }},
	{"choose", func(k *KeyMap) *key.Binding { return &k.List.Choose }},
	{"sort_list", func(k *KeyMap) *key.Binding { return &k.List.Sort }},
	{"chart_left", func(k *KeyMap) *key.Binding { return &k.Chart.Left }},
	{"chart_right", func(k *KeyMap) *key.Binding { return &k.Chart.Right }},
	{"export_jsonl", func(k *KeyMap) *key.Binding { return &k.Export.JSONL }},
	{"export_csv", func(k *KeyMap) *key.Binding { return &k.Export.CSV }},
	{"dialog_yes", func(k *KeyMap) *key.Binding { return &k.Dialog.Yes }},
	{"dialog_no", func(k *KeyMap) *key.Binding { return &k.Dialog.No }},
	{"dialog_switch", func(k *KeyMap) *key.Binding { return &k.Dialog.Switch }},
	{"dialog_choose", func(k *KeyMap) *key.Binding { return &k.Dialog.Choose }},
	{"stop_bulk", func(k *KeyMap) *key.Binding { return &k.Bulk.Stop }},
	{"retry_failed", func(k *KeyMap) *key.Binding { return &k.Bulk.Retry }},
	{"close_summary", func(k *KeyMap) *key.Binding { return &k.Bulk.Close }},
	{"journal_go_to_job", func(k *KeyMap) *key.Binding { return &k.Jrnl.GoToJob }},
	{"journal_all", func(k *KeyMap) *key.Binding { return &k.Jrnl.All }},
}

// TableScope is the scope of Scopes in which saved-filter keys are read.
const TableScope = "table"

// Actions lists every action.
func Actions() []Action { return slices.Clone(actions) }

// Lookup finds the action called name.
func Lookup(name string) (Action, bool) {
	for _, a := range actions {
		if a.Name == name {
			return a, true
		}
	}
	return Action{}, false
}

// Rebind binds the action called name to keys, and makes its help label name
// the new keys. Rebinding to the keys it already has changes nothing, so the
// built-in labels (such as "↑/k") survive a config that repeats the defaults.
func (k *KeyMap) Rebind(name string, keys []string) error {
	a, ok := Lookup(name)
	if !ok {
		return fmt.Errorf("no action %q", name)
	}
	if len(keys) == 0 {
		return fmt.Errorf("action %q needs at least one key", name)
	}
	keys = spaceBar(keys)
	b := a.Binding(k)
	if slices.Equal(b.Keys(), keys) {
		return nil
	}
	b.SetKeys(keys...)
	b.SetHelp(label(keys), b.Help().Desc)
	return nil
}

// spaceBar writes "space" the way Bubble Tea names the space bar, " ", so
// a config can say either.
func spaceBar(keys []string) []string {
	out := slices.Clone(keys)
	for i, k := range out {
		if k == "space" {
			out[i] = " "
		}
	}
	return out
}

// arrows are the glyphs the built-in help labels use for arrow keys, and
// the names of keys that do not show.
var arrows = map[string]string{"up": "↑", "down": "↓", "left": "←", "right": "→", " ": "space"}

func label(keys []string) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k
		if a, ok := arrows[k]; ok {
			parts[i] = a
		}
	}
	return strings.Join(parts, "/")
}

// ScopeActions names the actions live in each scope of Scopes. It is read
// off Scopes itself, so the two cannot disagree: each action is bound to its
// own name in an otherwise empty KeyMap, and the names come back out.
func ScopeActions() map[string][]string {
	var probe KeyMap
	for _, a := range actions {
		a.Binding(&probe).SetKeys(a.Name)
	}
	names := map[string][]string{}
	for scope, bindings := range probe.Scopes() {
		for _, b := range bindings {
			name := ""
			if keys := b.Keys(); len(keys) > 0 {
				name = keys[0]
			}
			names[scope] = append(names[scope], name)
		}
	}
	return names
}

// Conflict is one key bound to two actions that are live in the same scope.
type Conflict struct {
	Key     string
	Actions [2]string // in the order of Actions
	Scopes  []string  // sorted
}

// Conflicts lists every key bound to two actions of one scope, sorted by key
// and then actions. A pair clashing in several scopes is one Conflict.
func (k KeyMap) Conflicts() []Conflict {
	order := map[string]int{}
	for i, a := range actions {
		order[a.Name] = i
	}
	byPair := map[[3]string]*Conflict{}
	for scope, names := range ScopeActions() {
		owner := map[string]string{}
		for _, name := range names {
			a, ok := Lookup(name)
			if !ok {
				continue // a binding without an action: TestEveryBindingHasAnAction reports it
			}
			for _, key := range a.Binding(&k).Keys() {
				prev, taken := owner[key]
				if !taken {
					owner[key] = name
					continue
				}
				if prev == name {
					continue
				}
				pair := [2]string{prev, name}
				if order[pair[0]] > order[pair[1]] {
					pair[0], pair[1] = pair[1], pair[0]
				}
				id := [3]string{key, pair[0], pair[1]}
				if byPair[id] == nil {
					byPair[id] = &Conflict{Key: key, Actions: pair}
				}
				byPair[id].Scopes = append(byPair[id].Scopes, scope)
			}
		}
	}
	out := make([]Conflict, 0, len(byPair))
	for _, c := range byPair {
		sort.Strings(c.Scopes)
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		if a.Actions[0] != b.Actions[0] {
			return order[a.Actions[0]] < order[b.Actions[0]]
		}
		return order[a.Actions[1]] < order[b.Actions[1]]
	})
	return out
}
