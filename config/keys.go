package config

import (
	"fmt"
	"strings"

	"superdash/keymap"
)

// SavedFilter is a named query from the file, shown as a tab with a live
// count and switched to with Key ("" for none). The query is checked where
// it is parsed, by the UI.
type SavedFilter struct {
	Name  string
	Query string
	Key   string
}

// keyOverride is one entry of [keys]: action = ["key", ...].
type keyOverride struct {
	action string
	keys   []string
	line   int
}

// savedFilter is a [[filters]] table with the lines its errors point at.
type savedFilter struct {
	SavedFilter
	line    int // its [[filters]] header
	keyLine int
}

func actionNames() []string {
	var names []string
	for _, a := range keymap.Actions() {
		names = append(names, a.Name)
	}
	return names
}

// readKeys reads the [keys] table.
func (d *doc) readKeys(n node) []keyOverride {
	entries, ok := d.table(n, "a table like [keys]")
	if !ok {
		return nil
	}
	var out []keyOverride
	for _, e := range entries {
		if _, ok := keymap.Lookup(e.name()); !ok {
			d.errorf(e, "unknown action %q in [keys]%s", e.name(), suggest(e.name(), actionNames()))
			continue
		}
		keys, ok := asKeyList(e.raw)
		if !ok {
			d.errorf(e, `%s: expected a list of keys like ["q", "ctrl+q"], got %s`, e.key, describe(e.raw, false))
			continue
		}
		if len(keys) == 0 {
			d.errorf(e, "%s: the list is empty: give at least one key, or remove the line to keep the default", e.key)
			continue
		}
		out = append(out, keyOverride{action: e.name(), keys: keys, line: e.line})
	}
	return out
}

// asKeyList reads a list of non-empty strings.
func asKeyList(v any) ([]string, bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	keys := make([]string, 0, len(list))
	for _, e := range list {
		s, ok := e.(string)
		if !ok || s == "" {
			return nil, false
		}
		keys = append(keys, s)
	}
	return keys, true
}

// applyKeys rebinds the overridden actions of km and reports every key that
// then sits on two actions of one scope, at the line of the override that
// caused it (the later one when both are overridden).
func applyKeys(km *keymap.KeyMap, path string, overrides []keyOverride, ps *problems) {
	overrides = withSplitActions(overrides)
	lines := map[string]int{}
	for _, o := range overrides {
		if err := km.Rebind(o.action, o.keys); err != nil {
			ps.add(path, o.line, "keys.%s: %v", o.action, err)
			continue
		}
		lines[o.action] = o.line
	}
	for _, c := range km.Conflicts() {
		line := max(lines[c.Actions[0]], lines[c.Actions[1]])
		file := path
		if line == 0 {
			file = "" // two built-in bindings: not the file's fault
		}
		ps.add(file, line, "keys: %q is bound to both %s and %s %s", c.Key, c.Actions[0], c.Actions[1], scopeText(c.Scopes))
	}
}

// splitActions are actions that once were part of another: a file that
// rebinds the old one and says nothing of the new one gets the new one
// rebound the same way, so it behaves as it did before the split.
var splitActions = map[string]string{
	"choose": "accept_input", // enter in the lists and the app picker was accept_input's
}

// withSplitActions adds the overrides splitActions implies, at the line of
// the override they follow.
func withSplitActions(overrides []keyOverride) []keyOverride {
	set := map[string]keyOverride{}
	for _, o := range overrides {
		set[o.action] = o
	}
	out := overrides
	for split, from := range splitActions {
		if o, ok := set[from]; ok {
			if _, own := set[split]; !own {
				out = append(out, keyOverride{action: split, keys: o.keys, line: o.line})
			}
		}
	}
	return out
}

func scopeText(scopes []string) string {
	if len(scopes) == 1 {
		return "in the " + scopes[0] + " scope"
	}
	return "in the " + strings.Join(scopes, " and ") + " scopes"
}

// readFilters reads the [[filters]] tables.
func (d *doc) readFilters(n node) []savedFilter {
	if _, ok := n.raw.([]map[string]any); !ok {
		d.errorf(n, "filters: expected [[filters]] tables, got %s", describe(n.raw, false))
		return nil
	}
	elems, headers := d.elements(n)
	var out []savedFilter
	for i, entries := range elems {
		f := savedFilter{line: headers[i], keyLine: headers[i]}
		ok := true
		for _, e := range entries {
			var field *string
			switch e.name() {
			case "name":
				field = &f.Name
			case "query":
				field = &f.Query
			case "key":
				field, f.keyLine = &f.Key, e.line
			default:
				d.errorf(e, "unknown setting %q in [[filters]]%s", e.name(), suggest(e.name(), []string{"name", "query", "key"}))
				ok = false
				continue
			}
			s, err := asString(e.raw)
			if err == nil && s == "" {
				err = fmt.Errorf("is empty")
			}
			if err != nil {
				d.errorf(e, "%s: %v", e.key, err)
				ok = false
				continue
			}
			*field = s
		}
		for _, required := range []struct{ name, value string }{{"name", f.Name}, {"query", f.Query}} {
			if required.value == "" && ok {
				d.ps.add(d.path, f.line, "[[filters]] needs a %s", required.name)
				ok = false
			}
		}
		if ok {
			out = append(out, f)
		}
	}
	return out
}

// checkFilters reports filters sharing a name, and filter keys already
// taken by a binding of the table, where the filter keys are read, or by
// another filter.
func checkFilters(filters []savedFilter, km keymap.KeyMap, path string, ps *problems) {
	bound := map[string]string{}
	for _, name := range keymap.ScopeActions()[keymap.TableScope] {
		if a, ok := keymap.Lookup(name); ok {
			for _, k := range a.Binding(&km).Keys() {
				bound[k] = "action " + name
			}
		}
	}
	names := map[string]bool{}
	for _, f := range filters {
		if names[f.Name] {
			ps.add(path, f.line, "filter %q is defined twice: give each filter its own name", f.Name)
		}
		names[f.Name] = true
		if f.Key == "" {
			continue
		}
		if owner, taken := bound[f.Key]; taken {
			ps.add(path, f.keyLine, "filters.key: %q of filter %q is already bound to %s", f.Key, f.Name, owner)
			continue
		}
		bound[f.Key] = fmt.Sprintf("filter %q", f.Name)
	}
}
