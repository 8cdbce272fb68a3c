package ui

import (
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"superdash/api/sim"
	"superdash/ui/apppicker"
	"superdash/ui/nav"
)

// pickerScreen is the app picker of a dashboard on srv, once the apps the
// simulator serves have arrived.
func pickerScreen(t *testing.T, srv *sim.Running) (Model, string) {
	t.Helper()
	m := newTestModel(t, srv, "", 100, 30)
	m = update(m, onlyMsg[apppicker.ListedMsg](t, apppicker.List(m.life, m.opts.Client, m.opts.Org)))
	return m, m.View()
}

// rowOf is the screen line holding text.
func rowOf(t *testing.T, screen, text string) string {
	t.Helper()
	for _, line := range strings.Split(screen, "\n") {
		if strings.Contains(line, text) {
			return line
		}
	}
	t.Fatalf("no line holds %q:\n%s", text, screen)
	return ""
}

// TestPickerMarksDisabledApps: a DISABLED app says so in words (NO_COLOR
// shows no dimming), and an ENABLED one is not cluttered with its status.
func TestPickerMarksDisabledApps(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: 30})
	_, screen := pickerScreen(t, srv)
	apps := srv.Apps()
	if row := rowOf(t, screen, apps[1].Name); !strings.Contains(row, apps[1].Name+" (disabled)") {
		t.Errorf("the DISABLED app's row is not marked: %q", row)
	}
	for _, i := range []int{0, 2} {
		if row := rowOf(t, screen, apps[i].Name); strings.Contains(row, "disabled") {
			t.Errorf("an ENABLED app's row is marked disabled: %q", row)
		}
	}
	if strings.Contains(screen, "ENABLED") || strings.Count(screen, "DISABLED") != 1 {
		t.Errorf("statuses shown: want DISABLED once (in its description), ENABLED never:\n%s", screen)
	}
}

// TestPickerDimsDisabledApps draws the picker in colour: the DISABLED app's
// name is in the muted colour, an ENABLED one's is not.
func TestPickerDimsDisabledApps(t *testing.T) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	t.Cleanup(func() { lipgloss.SetColorProfile(termenv.Ascii) })
	srv, _ := testServer(t, sim.Options{Jobs: 30})
	m, screen := pickerScreen(t, srv)
	muted := m.c.Styles.Faint.Render("x")
	sgr := muted[:strings.Index(muted, "x")] // the muted colour's escape sequence
	if sgr == "" {
		t.Fatal("the muted style renders no colour under TrueColor")
	}
	apps := srv.Apps()
	if row := rowOf(t, screen, apps[1].Name); !strings.Contains(row, sgr+apps[1].Name) {
		t.Errorf("the DISABLED app's name is not dimmed: %q", row)
	}
	if row := rowOf(t, screen, apps[0].Name); strings.Contains(row, sgr+apps[0].Name) {
		t.Errorf("an ENABLED app's name is dimmed: %q", row)
	}
}

// TestAppFlagIsNamed: the app given with --app is read with GET apps/{uuid}
// and the header shows its name, and that it is disabled.
func TestAppFlagIsNamed(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: 30})
	app := srv.Apps()[1]
	m := newTestModel(t, srv, app.ID, 100, 30)
	if strings.Contains(m.View(), app.Name) {
		t.Fatal("the name is shown before it was read")
	}
	m = update(m, onlyMsg[appFetchedMsg](t, fetchApp(m.life, m.opts.Client, app.ID)))
	if title := strings.Split(m.View(), "\n")[0]; !strings.Contains(title, "· "+app.Name+" (disabled)") {
		t.Errorf("header: %q, want the app's name, marked disabled", title)
	}
	if n := srv.Stats().Endpoints[sim.EndpointGetApp]; n != 1 {
		t.Errorf("GET apps/{uuid} sent %d times, want once", n)
	}
}

// TestUnknownAppFlagOpensThePicker: an --app the API does not know stops
// the polling and opens the picker, saying why; choosing an app clears it.
func TestUnknownAppFlagOpensThePicker(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: 30})
	m := newTestModel(t, srv, "no-such-app", 100, 30)
	m = update(m, onlyMsg[appFetchedMsg](t, fetchApp(m.life, m.opts.Client, "no-such-app")))
	m = update(m, onlyMsg[apppicker.ListedMsg](t, apppicker.List(m.life, m.opts.Client, m.opts.Org)))
	screen := m.View()
	want := "there is no app no-such-app on " + m.opts.Client.Host() + " for this API key: choose one below"
	if m.active != nav.Apps || !strings.Contains(screen, want) || !strings.Contains(screen, "Choose an app") {
		t.Fatalf("want the picker saying %q:\n%s", want, screen)
	}
	if m.poll.Store() != nil {
		t.Error("the unknown app is still being polled")
	}
	m = keys(m, "enter")
	if m.active != nav.Jobs || m.jobs().app.UUID == "no-such-app" || strings.Contains(m.View(), "there is no app") {
		t.Errorf("after choosing: screen %v, app %q, notice still shown: %v", m.active, m.jobs().app.UUID, strings.Contains(m.View(), "there is no app"))
	}
}

// TestPickerShowsOrganisationApps: with an organisation, the picker lists
// the account's own apps, then the organisation's, each of those marked.
func TestPickerShowsOrganisationApps(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: 50, OrgApps: 2, Org: "acme"})
	m := newTestModel(t, srv, "", 100, 40)
	m = update(m, onlyMsg[apppicker.ListedMsg](t, apppicker.List(m.life, m.opts.Client, "acme")))
	screen := m.View()
	for _, a := range srv.Apps() {
		row := rowOf(t, screen, a.Name)
		if marked := strings.Contains(row, a.Name+" (org acme)"); marked != (a.Org == "acme") {
			t.Errorf("app %q of organisation %q: row %q", a.Name, a.Org, row)
		}
	}
	// The account's own first: the last own app's row comes before the first organisation app's.
	apps := srv.Apps()
	if strings.Index(screen, apps[0].Name) > strings.Index(screen, apps[3].Name) {
		t.Errorf("organisation apps listed before the account's own:\n%s", screen)
	}
	// Chosen, an organisation app keeps its mark in the header.
	for range 3 {
		m = keys(m, "down")
	}
	m = keys(m, "enter")
	if title := strings.Split(m.View(), "\n")[0]; !strings.Contains(title, " (org acme)") {
		t.Errorf("header after choosing an organisation app: %q", title)
	}
}

// TestPickerUnknownOrganisation: an organisation the API does not know
// still lists the account's own apps, with a line saying what failed.
func TestPickerUnknownOrganisation(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: 30, OrgApps: 2, Org: "acme"})
	m := newTestModel(t, srv, "", 100, 30)
	m = update(m, onlyMsg[apppicker.ListedMsg](t, apppicker.List(m.life, m.opts.Client, "globex")))
	screen := m.View()
	if !strings.Contains(screen, "no organisation globex for this API key (--org): only the account's own apps are listed") {
		t.Errorf("no line about the unknown organisation:\n%s", screen)
	}
	for _, a := range srv.Apps() {
		if shown := strings.Contains(screen, a.Name); shown != (a.Org == "") {
			t.Errorf("app %q of organisation %q shown: %v", a.Name, a.Org, shown)
		}
	}
}

// While its filter is typed, the picker fits the screen: no line is cut
// (bubbles' filter input was wider than the list, and every line ended
// in "…").
func TestPickerFilterFitsTheWidth(t *testing.T) {
	srv, _ := testServer(t, sim.Options{Jobs: 30})
	m, _ := pickerScreen(t, srv)
	m = keys(m, "/", "in")
	for _, size := range [][2]int{{120, 40}, {80, 24}, {60, 20}} {
		screen := ansi.Strip(update(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]}).View())
		for _, l := range strings.Split(screen, "\n") {
			if strings.TrimSpace(l) == "…" || strings.Contains(l, "Filter:") && strings.HasSuffix(l, "…") {
				t.Fatalf("at %dx%d a line is cut while filtering: %q\n%s", size[0], size[1], l, screen)
			}
		}
		requireContains(t, "the picker", screen, "Filter: in")
	}
	runScreens(t, []screenCase{modelScreen("picker_filtering", m)})
}

// The picker draws in the dashboard's colours, never in bubbles' own
// (its yellow prompt, 227, its pink cursor and selection, 207): the
// prompt in the accent, the matches as a search's, the selected app as
// the table's cursor row.
func TestPickerUsesTheDashboardsColours(t *testing.T) {
	inProfile(t, termenv.ANSI256)
	srv, _ := testServer(t, sim.Options{Jobs: 30})
	m, _ := pickerScreen(t, srv)
	for _, screen := range []string{m.View(), keys(m, "/").View(), keys(m, "/", "in").View(), keys(m, "/", "in", "enter").View()} {
		for _, theirs := range []string{"38;5;227", "38;5;207", "38;5;135", "38;5;62", "48;5;62", "38;5;230"} {
			if strings.Contains(screen, theirs) {
				t.Errorf("the picker draws in bubbles' colour %s:\n%q", theirs, screen)
			}
		}
	}
	s := m.c.Styles
	filtering := keys(m, "/", "in").View()
	requireContains(t, "the filter prompt", filtering, s.PaneTitle.Render("Filter: "))
	chosen := m.View()
	if !slices.ContainsFunc(srv.Apps(), func(a sim.App) bool { return strings.Contains(chosen, s.Selection.Render(a.Name)) }) {
		t.Errorf("no app is drawn as the cursor row is (%q):\n%q", s.Selection.Render("…"), chosen)
	}
}
