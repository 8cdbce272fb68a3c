package actions

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"superdash/api"
	"superdash/keymap"
	"superdash/model"
	"superdash/ui/common"
	"superdash/ui/internal/uitest"
	"superdash/ui/jobtable"
)

func TestMain(m *testing.M) {
	uitest.PlainStyles()
	os.Exit(m.Run())
}

// jobsOf is a store and a table holding one job per status, the cursor
// on the first, as the dashboard would lend them.
func jobsOf(t *testing.T, c *common.Common, statuses ...model.Status) Jobs {
	t.Helper()
	store := model.NewStore()
	for i, st := range statuses {
		j, err := model.DecodeJob(fmt.Appendf(nil, `{"id":"%d","status":%q,"created":"2026-11-28T12:00:00Z"}`, 1000+i, st))
		if err != nil {
			t.Fatal(err)
		}
		store.Merge([]model.Job{j})
	}
	rows := model.NewView(store).Jobs(model.Query{}, model.Sort{Key: model.SortByCreated})
	table := jobtable.New(c)
	table.SetSize(100, 20)
	table.SetRows(rows)
	return Jobs{Store: store, Table: &table, Shown: rows, App: model.App{UUID: "app"}, Marking: true}
}

// offlineClient is a client whose every request fails at once: a test
// that sends nothing never notices it.
func offlineClient(t *testing.T) *api.Client {
	t.Helper()
	client, err := api.New(api.Options{BaseURL: "http://127.0.0.1:1/v1", APIKey: "k", KeySource: "the test"})
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// In read-only mode no key of any scope, on a job any action applies
// to, opens a dialog, marks a job, or gives a command; the action and
// mark keys say why; and no journal is written.
func TestReadOnlyNoKeyActs(t *testing.T) {
	c := common.New()
	c.Keys = c.Keys.WithoutActions()
	journalPath := filepath.Join(t.TempDir(), "journal.jsonl")
	m := New(c, Options{Client: offlineClient(t), Life: context.Background(), ReadOnly: true, JournalPath: journalPath})
	k := keymap.Default().Table
	actionKeys := map[string]bool{}
	for _, b := range []key.Binding{k.Cancel, k.Restart, k.Mark, k.MarkAll, k.ClearMarks} {
		for _, name := range b.Keys() {
			actionKeys[name] = true
		}
	}
	pressed := 0
	for _, status := range []model.Status{model.StatusScheduled, model.StatusFailed} {
		for scope, bindings := range keymap.Default().Scopes() {
			for _, b := range bindings {
				for _, name := range b.Keys() {
					msg, ok := uitest.NamedKey(name)
					if !ok && len([]rune(name)) != 1 {
						continue // a key this test cannot type; the others cover its binding
					}
					if !ok {
						msg = uitest.Key(name)
					}
					jobs := jobsOf(t, c, status)
					fx, cmd, _ := m.Key(msg, jobs)
					pressed++
					switch {
					case cmd != nil || m.Overlay() || m.Marked() > 0:
						t.Fatalf("%s key %q on a %s job: command %v, overlay %v, %d marked; want nothing", scope, name, status, cmd != nil, m.Overlay(), m.Marked())
					case actionKeys[name] && fx.Notice != readOnlyNotice:
						t.Errorf("%s key %q: notice %q, want it to say read-only", scope, name, fx.Notice)
					}
				}
			}
		}
	}
	if pressed < 40 {
		t.Fatalf("only %d keys pressed", pressed)
	}
	if _, err := os.Stat(journalPath); !os.IsNotExist(err) {
		t.Errorf("read-only mode touched the journal: %v", err)
	}
}

// Every action asks about a job in a status it allows, and explains
// itself without asking about any other: the words come from its
// descriptor.
func TestEachActionAsksOnlyWhereItApplies(t *testing.T) {
	c := common.New()
	statuses := []model.Status{model.StatusScheduled, model.StatusInProgress, model.StatusSuspended, model.StatusCompleted,
		model.StatusFailed, model.StatusCanceled, model.StatusExpired, "SOMETHING_NEW"}
	for _, a := range []*Action{Cancel, Restart} {
		for _, st := range statuses {
			m := New(c, Options{Client: offlineClient(t), Life: context.Background()})
			m.SetWidth(100)
			jobs := jobsOf(t, c, st)
			fx := m.ask(a, jobs)
			if got := m.Overlay(); got != a.Allows(st) {
				t.Errorf("%s of a %s job: dialog %v, want %v (notice %q)", a.Name, st, got, a.Allows(st), fx.Notice)
				continue
			}
			if !m.Overlay() {
				want := fmt.Sprintf("job 1000 is %s: only %s jobs can be %s; nothing sent", st, a.Allowed, a.Past)
				if fx.Notice != want {
					t.Errorf("notice %q, want %q", fx.Notice, want)
				}
				continue
			}
			view := m.View(100, 30)
			for _, want := range []string{a.Title + " job 1000?", "status   " + string(st), "The API will be asked to " + a.Name + " this job", "Yes, " + a.Name} {
				if !strings.Contains(view, want) {
					t.Errorf("%s dialog lacks %q:\n%s", a.Name, want, view)
				}
			}
		}
	}
}
