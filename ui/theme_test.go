package ui

import (
	"slices"
	"testing"

	"superdash/config"
)

// Every class the config accepts must reach a style: a name missing here
// would be accepted by the config check and then silently ignored.
func TestEveryConfigColourClassIsKnown(t *testing.T) {
	for _, name := range config.ColorClasses() {
		if _, ok := classNames[name]; !ok {
			t.Errorf("config colour class %q has no model class", name)
		}
	}
	if len(classNames) != len(config.ColorClasses()) {
		t.Errorf("classNames lists %d classes, the config %d", len(classNames), len(config.ColorClasses()))
	}
}

func TestNewCommonAppliesKeys(t *testing.T) {
	cfg := config.Defaults()
	if err := cfg.Keys.Rebind("quit", []string{"ctrl+q"}); err != nil {
		t.Fatal(err)
	}
	c := NewCommon(cfg)
	if !slices.Equal(c.Keys.Global.Quit.Keys(), []string{"ctrl+q"}) {
		t.Errorf("quit is bound to %v, want the config's ctrl+q", c.Keys.Global.Quit.Keys())
	}
}
