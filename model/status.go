package model

import "strings"

// Status is a job's state as the API reports it. It is an open string: the
// API has grown new states before, so an unknown value is kept and shown as
// it came, never rejected.
type Status string

// The statuses API.md lists. CANCELED is spelled with one L, as the API does.
const (
	StatusScheduled      Status = "SCHEDULED"
	StatusInProgress     Status = "IN_PROGRESS"
	StatusPending        Status = "PENDING"
	StatusSuspended      Status = "SUSPENDED"
	StatusNeedsWork      Status = "NEEDS_WORK"
	StatusNeedsReview    Status = "NEEDS_REVIEW"
	StatusPostProcessing Status = "POST_PROCESSING"
	StatusCompleted      Status = "COMPLETED"
	StatusPostProcessed  Status = "POST_PROCESSED"
	StatusReviewed       Status = "REVIEWED"
	StatusFailed         Status = "FAILED"
	StatusCanceled       Status = "CANCELED"
	StatusExpired        Status = "EXPIRED"
)

// Class groups statuses for colouring: the UI maps each class to a style.
type Class int

const (
	ClassUnknown   Class = iota // a status this build does not know
	ClassQueued                 // waiting to be worked on
	ClassRunning                // being worked on
	ClassAttention              // parked until someone acts (suspended, needs work/review)
	ClassDone                   // ended with output
	ClassFailed                 // ended without output because something went wrong
	ClassStopped                // ended without output on purpose or by time (canceled, expired)
)

type statusInfo struct {
	rank  int
	class Class
}

// knownStatuses fixes the display order: the life of a job from queued to
// ended, so counts and sorted tables read left to right like a pipeline.
var knownStatuses = map[Status]statusInfo{
	StatusPending:        {0, ClassQueued},
	StatusScheduled:      {1, ClassQueued},
	StatusInProgress:     {2, ClassRunning},
	StatusPostProcessing: {3, ClassRunning},
	StatusSuspended:      {4, ClassAttention},
	StatusNeedsWork:      {5, ClassAttention},
	StatusNeedsReview:    {6, ClassAttention},
	StatusCompleted:      {7, ClassDone},
	StatusPostProcessed:  {8, ClassDone},
	StatusReviewed:       {9, ClassDone},
	StatusFailed:         {10, ClassFailed},
	StatusCanceled:       {11, ClassStopped},
	StatusExpired:        {12, ClassStopped},
}

// statusCode is 1 + the rank of a status this build knows, spelled as
// the API spells it, and 0 for any other: small enough for a sort record.
// A switch, not the map: it is asked for every job of every sort.
func statusCode(s Status) uint8 {
	switch s {
	case StatusPending:
		return 1
	case StatusScheduled:
		return 2
	case StatusInProgress:
		return 3
	case StatusPostProcessing:
		return 4
	case StatusSuspended:
		return 5
	case StatusNeedsWork:
		return 6
	case StatusNeedsReview:
		return 7
	case StatusCompleted:
		return 8
	case StatusPostProcessed:
		return 9
	case StatusReviewed:
		return 10
	case StatusFailed:
		return 11
	case StatusCanceled:
		return 12
	case StatusExpired:
		return 13
	}
	return 0
}

// KnownStatuses returns every status this build knows, in display order.
func KnownStatuses() []Status {
	out := make([]Status, len(knownStatuses))
	for s, info := range knownStatuses {
		out[info.rank] = s
	}
	return out
}

// normal is the status as the tables are keyed: the API speaks upper case,
// but a lower-case spelling from a proxy or an old host means the same state.
func (s Status) normal() Status { return Status(strings.ToUpper(string(s))) }

// Known reports whether this build knows the status.
func (s Status) Known() bool {
	_, ok := knownStatuses[s.normal()]
	return ok
}

// Rank is the status's place in the display order. Unknown statuses sort
// after every known one (and among themselves by name, see Less).
func (s Status) Rank() int {
	if info, ok := knownStatuses[s.normal()]; ok {
		return info.rank
	}
	return len(knownStatuses)
}

// Less orders statuses for display: known ones by Rank, unknown ones after
// them alphabetically, so the order is total and stable.
func (s Status) Less(o Status) bool {
	rs, ro := s.Rank(), o.Rank()
	if rs != ro {
		return rs < ro
	}
	return s < o
}

// Class is the colour class of the status.
func (s Status) Class() Class {
	if code := statusCode(s); code != 0 { // the API's spelling: no map, no case folding
		return statusClasses[code-1]
	}
	return knownStatuses[s.normal()].class
}

// statusClasses is the class of each known status, by rank.
var statusClasses = func() []Class {
	classes := make([]Class, len(knownStatuses))
	for _, info := range knownStatuses {
		classes[info.rank] = info.class
	}
	return classes
}()

// Ended reports whether the job has stopped moving. An unknown status counts
// as still moving: polling it again is cheap, missing its change is not.
func (s Status) Ended() bool {
	switch s.Class() {
	case ClassDone, ClassFailed, ClassStopped:
		return true
	}
	return false
}

// HasOutput reports whether the job ended with output to read.
func (s Status) HasOutput() bool { return s.Class() == ClassDone }

// Cancellable reports whether the API accepts a cancel in this status.
func (s Status) Cancellable() bool {
	switch s.normal() {
	case StatusScheduled, StatusInProgress, StatusSuspended:
		return true
	}
	return false
}

// Restartable reports whether a restart makes sense in this status: the job
// ended without output.
func (s Status) Restartable() bool {
	switch s.normal() {
	case StatusFailed, StatusCanceled, StatusExpired:
		return true
	}
	return false
}

// String returns the status as the API spelled it.
func (s Status) String() string { return string(s) }
