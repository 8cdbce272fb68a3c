// Package keymap holds every key binding of the dashboard as data: the
// defaults, their help text, and the groups the help screen shows. The `?`
// help is generated from these bindings, so it cannot disagree with them.
package keymap

import "github.com/charmbracelet/bubbles/key"

// Global bindings work in every view while nothing is being typed.
type Global struct {
	Quit      key.Binding
	ForceQuit key.Binding // works even while typing
	Help      key.Binding
	Pause     key.Binding
	Refresh   key.Binding
	SwitchApp key.Binding
	Journal   key.Binding // the record of actions sent
	// Back leaves what is open: the detail pane, a list screen, the help,
	// the journal, a filter shown over the table.
	Back key.Binding
}

// Nav moves through a list or scrolls a pane.
type Nav struct {
	Up       key.Binding
	Down     key.Binding
	PageUp   key.Binding
	PageDown key.Binding
	Top      key.Binding
	Bottom   key.Binding
}

// Table bindings act on the job table.
type Table struct {
	Zoom        key.Binding // open the selected job full screen
	FocusDetail key.Binding // move focus between the table and the detail pane
	Filter      key.Binding // open the filter bar
	FacetAll    key.Binding // one key per common filter
	FacetFailed key.Binding
	FacetMoving key.Binding
	FacetEnded  key.Binding
	NextFailed  key.Binding // jump to the next FAILED job below the cursor
	SortNext    key.Binding // cycle the sort column
	SortReverse key.Binding
	Batches     key.Binding // open the batches view
	Tags        key.Binding // open the tags view
	InStatus    key.Binding // open the time-in-status view
	Cancel      key.Binding // cancel the selected job, or the marked ones
	Restart     key.Binding // restart the selected job, or the marked ones
	Mark        key.Binding // mark or unmark the job under the cursor
	MarkAll     key.Binding // mark every job the filter shows
	ClearMarks  key.Binding
	CopyID      key.Binding // copy the selected job's id to the clipboard
	CopyJSON    key.Binding // copy its JSON
	OpenPager   key.Binding // read its JSON in $PAGER
	OpenEditor  key.Binding // open its JSON in $EDITOR
	Export      key.Binding // export the jobs the filter shows to a file
	CopyCurl    key.Binding // copy a curl line reproducing a request about the selected job
	Resubmit    key.Binding // submit the selected job again with an edited input, or the marked ones unchanged
	// Watch follows what is singled out (the marked jobs, else the filter,
	// else the selected job; the selected batch in the batches view) in
	// the strip above the table, and tells when it ends or fails; pressed
	// on what is watched, it stops.
	Watch key.Binding
}

// Detail bindings act on the detail pane.
type Detail struct {
	Search    key.Binding
	NextMatch key.Binding
	PrevMatch key.Binding
}

// Input bindings act while text is being typed (a search or filter).
type Input struct {
	Accept key.Binding
	Cancel key.Binding
}

// List bindings act on the list screens: batches, tags, the app picker.
type List struct {
	Choose key.Binding // take the row under the cursor: filter by a batch or tag, open an app
	Sort   key.Binding // cycle the list's sort order
}

// Chart bindings move sideways over a chart's buckets (the time-in-status
// view); up and down are Nav's.
type Chart struct {
	Left  key.Binding
	Right key.Binding
}

// Export bindings answer the export prompt: which format to write.
type Export struct {
	JSONL key.Binding
	CSV   key.Binding
}

// Dialog bindings answer a confirmation dialog. "No" is where the focus
// starts; only Yes, or Choose on a focused Yes, goes ahead.
type Dialog struct {
	Yes    key.Binding
	No     key.Binding
	Switch key.Binding // move the focus between the buttons
	Choose key.Binding // press the focused button
}

// Journal bindings act on the action journal's screen; enter (List.Choose)
// opens an entry in full.
type Journal struct {
	GoToJob key.Binding // show the entry's job in the job table
	All     key.Binding // every host's and app's entries, or the watched app's only
}

// Bulk bindings act on a bulk run: its progress, then its summary.
type Bulk struct {
	Stop  key.Binding // stop sending: what was sent stays sent
	Retry key.Binding // ask again for the jobs that failed
	Close key.Binding // close the summary
}

// KeyMap is every binding of the dashboard, grouped by where it applies.
type KeyMap struct {
	Global Global
	Nav    Nav
	Table  Table
	Detail Detail
	Input  Input
	List   List
	Chart  Chart
	Export Export
	Dialog Dialog
	Bulk   Bulk
	Jrnl   Journal
}

func bind(help string, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// Default returns the built-in bindings: vim-style and arrow keys side by
// side, as k9s and gh-dash users expect.
func Default() KeyMap {
	return KeyMap{
		Global: Global{
			Quit:      bind("q", "quit", "q"),
			ForceQuit: bind("ctrl+c", "quit", "ctrl+c"),
			Help:      bind("?", "help", "?"),
			Pause:     bind("p", "pause/resume", "p"),
			Refresh:   bind("r", "sync now", "r"),
			SwitchApp: bind("a", "switch app", "a"),
			Journal:   bind("L", "action journal", "L"),
			Back:      bind("esc", "back", "esc"),
		},
		Nav: Nav{
			Up:       bind("↑/k", "up", "up", "k"),
			Down:     bind("↓/j", "down", "down", "j"),
			PageUp:   bind("pgup", "page up", "pgup", "ctrl+b"),
			PageDown: bind("pgdn", "page down", "pgdown", "ctrl+f"),
			Top:      bind("g/home", "top", "g", "home"),
			Bottom:   bind("G/end", "bottom", "G", "end"),
		},
		Table: Table{
			Zoom:        bind("enter", "open job", "enter"),
			FocusDetail: bind("tab", "focus detail", "tab"),
			Filter:      bind("/", "filter", "/"),
			FacetAll:    bind("A", "all jobs", "A"),
			FacetFailed: bind("F", "failed, ack", "F"),
			FacetMoving: bind("M", "moving jobs", "M"),
			FacetEnded:  bind("D", "ended (done) jobs", "D"),
			NextFailed:  bind("f", "next failed", "f"),
			SortNext:    bind("s", "sort by next column", "s"),
			SortReverse: bind("S", "reverse sort", "S"),
			Batches:     bind("b", "batches", "b"),
			Tags:        bind("t", "tags", "t"),
			InStatus:    bind("I", "time in status", "I"),
			Cancel:      bind("c", "cancel job(s)", "c"),
			Restart:     bind("R", "restart job(s)", "R"),
			Mark:        bind("space", "mark/unmark", " "),
			MarkAll:     bind("V", "mark all shown", "V"),
			ClearMarks:  bind("U", "clear marks", "U"),
			CopyID:      bind("y", "copy id", "y"),
			CopyJSON:    bind("Y", "copy JSON", "Y"),
			OpenPager:   bind("o", "open in $PAGER", "o"),
			OpenEditor:  bind("E", "open in $EDITOR", "E"),
			Export:      bind("e", "export shown jobs", "e"),
			CopyCurl:    bind("C", "copy as curl", "C"),
			Resubmit:    bind("N", "resubmit as new job(s)", "N"),
			Watch:       bind("w", "watch/unwatch", "w"),
		},
		Detail: Detail{
			Search:    bind("/", "search", "/"),
			NextMatch: bind("n", "next match", "n"),
			PrevMatch: bind("N", "prev match", "N"),
		},
		Input: Input{
			Accept: bind("enter", "apply", "enter"),
			Cancel: bind("esc", "cancel", "esc"),
		},
		List: List{
			Choose: bind("enter", "choose", "enter"),
			Sort:   bind("s", "sort", "s"),
		},
		Chart: Chart{
			Left:  bind("←/h", "left", "left", "h"),
			Right: bind("→/l", "right", "right", "l"),
		},
		Export: Export{
			JSONL: bind("j", "JSON Lines", "j"),
			CSV:   bind("c", "CSV", "c"),
		},
		Dialog: Dialog{
			Yes:    bind("y", "yes", "y"),
			No:     bind("n/esc", "no", "n", "esc"),
			Switch: bind("←/→/tab", "switch button", "left", "right", "tab", "shift+tab", "h", "l"),
			Choose: bind("enter", "press focused", "enter"),
		},
		Bulk: Bulk{
			Stop:  bind("esc", "stop sending", "esc"),
			Retry: bind("r", "retry the failed", "r"),
			Close: bind("esc/enter", "close", "esc", "enter"),
		},
		Jrnl: Journal{
			GoToJob: bind("J", "jump to the job", "J"),
			All:     bind("A", "all hosts and apps", "A"),
		},
	}
}

// WithoutActions returns the bindings with every way to cancel or restart
// a job disabled (read-only mode): the help then hides them, and
// key.Matches never matches them.
func (k KeyMap) WithoutActions() KeyMap {
	for _, b := range []*key.Binding{&k.Table.Cancel, &k.Table.Restart, &k.Table.Resubmit, &k.Table.Mark, &k.Table.MarkAll, &k.Table.ClearMarks, &k.Bulk.Retry} {
		b.SetEnabled(false)
	}
	return k
}

// Help is a help.KeyMap over a chosen set of binding groups, so each view
// shows the bindings that apply to it.
type Help struct {
	Short []key.Binding
	Full  [][]key.Binding
	// Sections name the groups of Full, in order, for the ? screen; nil
	// when the groups need no names.
	Sections []string
}

// ShortHelp implements help.KeyMap.
func (h Help) ShortHelp() []key.Binding { return h.Short }

// FullHelp implements help.KeyMap.
func (h Help) FullHelp() [][]key.Binding { return h.Full }

// TableHelp is the help while the job table has focus.
func (k KeyMap) TableHelp() Help {
	return Help{
		Short: []key.Binding{k.Nav.Down, k.Nav.Up, k.Table.Zoom, k.Table.Filter, k.Table.FacetFailed, k.Table.NextFailed, k.Table.Batches, k.Global.Help, k.Global.Quit},
		Full: [][]key.Binding{
			{k.Nav.Up, k.Nav.Down, k.Nav.PageUp, k.Nav.PageDown, k.Nav.Top, k.Nav.Bottom, k.Table.NextFailed},
			{k.Table.Filter, k.Table.FacetAll, k.Table.FacetFailed, k.Table.FacetMoving, k.Table.FacetEnded, k.Table.SortNext, k.Table.SortReverse},
			{k.Table.Cancel, k.Table.Restart, k.Table.Resubmit, k.Table.Mark, k.Table.MarkAll, k.Table.ClearMarks, k.Table.CopyID, k.Table.CopyJSON, k.Table.CopyCurl, k.Table.Export, k.Table.Watch},
			{k.Table.Zoom, k.Table.FocusDetail, k.Global.Back, k.Table.Batches, k.Table.Tags, k.Table.InStatus, k.Global.Journal, k.Table.OpenPager, k.Table.OpenEditor},
			{k.Global.Pause, k.Global.Refresh, k.Global.SwitchApp, k.Global.Help, k.Global.Quit, k.Global.ForceQuit},
		},
		Sections: helpSections,
	}
}

// helpSections name the groups of the table's and the detail pane's help.
var helpSections = []string{"moving", "filtering", "actions", "views", "other"}

// DetailHelp is the help while the detail pane has focus.
func (k KeyMap) DetailHelp() Help {
	return Help{
		Short: []key.Binding{k.Nav.Down, k.Nav.Up, k.Detail.Search, k.Detail.NextMatch, k.Detail.PrevMatch, k.Global.Back, k.Global.Help, k.Global.Quit},
		Full: [][]key.Binding{
			{k.Nav.Up, k.Nav.Down, k.Nav.PageUp, k.Nav.PageDown, k.Nav.Top, k.Nav.Bottom},
			{k.Detail.Search, k.Detail.NextMatch, k.Detail.PrevMatch},
			{k.Table.Cancel, k.Table.Restart, k.Table.CopyID, k.Table.CopyJSON, k.Table.CopyCurl},
			{k.Global.Back, k.Table.FocusDetail, k.Global.Journal, k.Table.OpenPager, k.Table.OpenEditor},
			{k.Global.Pause, k.Global.Refresh, k.Global.SwitchApp, k.Global.Help, k.Global.Quit, k.Global.ForceQuit},
		},
		Sections: helpSections,
	}
}

// InputHelp is the help while text is being typed.
func (k KeyMap) InputHelp() Help {
	return Help{
		Short: []key.Binding{k.Input.Accept, k.Input.Cancel, k.Global.ForceQuit},
		Full:  [][]key.Binding{{k.Input.Accept, k.Input.Cancel, k.Global.ForceQuit}},
	}
}

// DialogHelp is the help of a confirmation dialog.
func (k KeyMap) DialogHelp() Help {
	keys := []key.Binding{k.Dialog.Switch, k.Dialog.Choose, k.Dialog.Yes, k.Dialog.No, k.Global.ForceQuit}
	return Help{Short: keys, Full: [][]key.Binding{keys}}
}

// ProgressHelp is the help while a bulk run sends.
func (k KeyMap) ProgressHelp() Help {
	keys := []key.Binding{k.Bulk.Stop, k.Global.ForceQuit}
	return Help{Short: keys, Full: [][]key.Binding{keys}}
}

// SummaryHelp is the help of a bulk run's summary. Retry is for the caller
// to disable when nothing failed.
func (k KeyMap) SummaryHelp() Help {
	keys := []key.Binding{k.Bulk.Retry, k.Bulk.Close, k.Global.Quit, k.Global.ForceQuit}
	return Help{Short: keys, Full: [][]key.Binding{keys}}
}

// Scopes lists, for each place keys are read, every binding live there. Two
// bindings of one scope must never share a key: the config check (and the
// test of the defaults) rely on it.
func (k KeyMap) Scopes() map[string][]key.Binding {
	global := []key.Binding{k.Global.Quit, k.Global.ForceQuit, k.Global.Help, k.Global.Pause, k.Global.Refresh, k.Global.SwitchApp, k.Global.Journal}
	nav := []key.Binding{k.Nav.Up, k.Nav.Down, k.Nav.PageUp, k.Nav.PageDown, k.Nav.Top, k.Nav.Bottom}
	return map[string][]key.Binding{
		"table": append(append([]key.Binding{
			k.Table.Zoom, k.Table.FocusDetail, k.Table.Filter, k.Table.FacetAll, k.Table.FacetFailed, k.Table.FacetMoving,
			k.Table.FacetEnded, k.Table.NextFailed, k.Table.SortNext, k.Table.SortReverse, k.Table.Batches, k.Table.Tags, k.Table.InStatus,
			k.Table.Cancel, k.Table.Restart, k.Table.Mark, k.Table.MarkAll, k.Table.ClearMarks,
			k.Table.CopyID, k.Table.CopyJSON, k.Table.OpenPager, k.Table.OpenEditor, k.Table.Export,
			k.Table.CopyCurl, k.Table.Resubmit, k.Table.Watch,
		}, global...), nav...),
		"detail": append(append([]key.Binding{
			k.Detail.Search, k.Detail.NextMatch, k.Detail.PrevMatch, k.Global.Back, k.Table.FocusDetail,
			k.Table.Cancel, k.Table.Restart, k.Table.CopyID, k.Table.CopyJSON, k.Table.OpenPager, k.Table.OpenEditor,
			k.Table.CopyCurl,
		}, global...), nav...),
		"input": {k.Input.Accept, k.Input.Cancel, k.Global.ForceQuit},
		// The list screens' own keys and the moves. The global keys that
		// work there too are checked against the moves in the table scope.
		// Watch follows the selected batch in the batches view.
		"list": append([]key.Binding{k.List.Choose, k.List.Sort, k.Global.Back, k.Table.Watch}, nav...),
		// The time-in-status view: its moves, enter, and the key that
		// opened it, which closes it; the global keys work there too.
		"chart":    append(append([]key.Binding{k.Chart.Left, k.Chart.Right, k.List.Choose, k.Global.Back, k.Table.InStatus}, global...), nav...),
		"journal":  append([]key.Binding{k.List.Choose, k.Jrnl.GoToJob, k.Jrnl.All, k.Global.Back, k.Global.Journal, k.Global.Help, k.Global.Quit, k.Global.ForceQuit}, nav...),
		"export":   {k.Export.JSONL, k.Export.CSV, k.Global.ForceQuit},
		"dialog":   {k.Dialog.Yes, k.Dialog.No, k.Dialog.Switch, k.Dialog.Choose, k.Global.ForceQuit},
		"progress": {k.Bulk.Stop, k.Global.ForceQuit},
		"summary":  {k.Bulk.Retry, k.Bulk.Close, k.Global.Quit, k.Global.ForceQuit},
	}
}
