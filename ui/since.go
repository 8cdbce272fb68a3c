package ui

import (
	"time"

	"superdash/model"
)

// The since line says what changed since the user last looked: "+3 FAILED
// · +120 COMPLETED since 14:02". "Last looked" is the latest of:
//   - the end of the watched app's first full load (what it loaded is not
//     news: it was all there when the dashboard opened);
//   - the last acknowledgement (F, which shows the failures);
//   - for a terminal that reports focus, the moment the user switched
//     away, when nothing was left unacknowledged then: coming back shows
//     what happened while away, since the time they left.
//
// A terminal that reports no focus counts from the load or the last F.

// moment is one instant on both clocks: the wall clock, which the store
// stamps a job's entry into its status with, and the clock of the jobs'
// world (common.Common.JobNow: the simulator's in --demo), which the line
// shows, as the table's ages do.
type moment struct{ wall, world time.Time }

// sinceState is what the since line counts from.
type sinceState struct {
	store *model.Store // the store mark is of; nil until its first full load
	mark  moment       // what entered a status after it counts

	away bool   // focus left the terminal, and has not come back
	left moment // when it left
	// clearWhenLeft: nothing was on the line when focus left, so the user
	// had seen everything up to then.
	clearWhenLeft bool
}

// counts is what entered a status after the mark, per status: the since
// line's numbers. It walks every stored job: the header keeps what it
// drew from it until the store or the mark change.
func (s sinceState) counts() []model.StatusCount {
	if s.store == nil {
		return nil
	}
	// After the mark, strictly: a job stamped in the instant of looking
	// was on screen when the user looked.
	return s.store.EnteredSince(s.mark.wall.Add(time.Nanosecond))
}

// loaded starts counting from now for a store that just finished its
// first full load; a store already counted keeps its mark.
func (s *sinceState) loaded(store *model.Store, now moment) {
	if store != nil && s.store != store {
		s.store, s.mark = store, now
	}
}

// acknowledge clears the line: it counts from now.
func (s *sinceState) acknowledge(now moment) {
	if s.store != nil {
		s.mark = now
	}
}

// blur remembers when focus left the terminal. A second report of the
// same departure keeps the first.
func (s *sinceState) blur(now moment) {
	if s.away {
		return
	}
	s.away, s.left = true, now
	s.clearWhenLeft = len(s.counts()) == 0
}

// focus is the user looking again: when they had left nothing
// unacknowledged, the line counts from when they left, so it shows what
// happened while they were away, and the time they left. Otherwise it
// keeps its older mark, which counts the time away too: nothing is
// dropped unacknowledged.
func (s *sinceState) focus() {
	if !s.away {
		return
	}
	s.away = false
	if s.clearWhenLeft && s.store != nil && s.left.wall.After(s.mark.wall) {
		s.mark = s.left
	}
}

// acknowledgeReq is the jobs screen telling the root the user has seen
// the failures (F): the since line clears.
type acknowledgeReq struct{}

// now is this instant on both clocks.
func (m Model) now() moment { return moment{wall: m.c.Now(), world: m.c.JobNow()} }
