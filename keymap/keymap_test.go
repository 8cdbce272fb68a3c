package keymap

import "testing"

func TestDefaultsHaveNoConflicts(t *testing.T) {
	for scope, bindings := range Default().Scopes() {
		owner := map[string]string{}
		for _, b := range bindings {
			if len(b.Keys()) == 0 {
				t.Errorf("scope %s: binding %q has no key", scope, b.Help().Desc)
			}
			for _, k := range b.Keys() {
				if prev, ok := owner[k]; ok {
					t.Errorf("scope %s: key %q is bound to both %q and %q", scope, k, prev, b.Help().Desc)
				}
				owner[k] = b.Help().Desc
			}
		}
	}
}

func TestHelpListsOnlyBoundKeys(t *testing.T) {
	k := Default()
	for name, h := range map[string]Help{"table": k.TableHelp(), "detail": k.DetailHelp(), "input": k.InputHelp()} {
		for _, group := range h.FullHelp() {
			for _, b := range group {
				if b.Help().Key == "" || b.Help().Desc == "" {
					t.Errorf("%s help: binding %v lacks help text", name, b.Keys())
				}
			}
		}
		if len(h.ShortHelp()) == 0 {
			t.Errorf("%s help: no short help", name)
		}
	}
}
