package sim

import (
	"fmt"
	"strconv"
	"time"

	"superdash/model"
)

// APIKey is the key every request must carry: Options.APIKey or its default.
func (s *Server) APIKey() string { return s.opts.APIKey }

// Now is the simulated time, as the clock reads it. With Speed above 1 it
// runs ahead of the wall clock, so a demo should show ages against it.
func (s *Server) Now() time.Time { return s.opts.Clock().UTC() }

// App names an app of the workload.
type App struct {
	ID   string
	Name string
	Org  string // the organisation it belongs to; "" for the account's own
}

// AppIDs returns the apps' ids in creation order.
func (s *Server) AppIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, len(s.world.apps))
	for i, a := range s.world.apps {
		ids[i] = a.id
	}
	return ids
}

// Org is the organisation whose apps GET organizations/{id}/apps lists;
// "" when the world has no organisation apps.
func (s *Server) Org() string {
	if s.opts.OrgApps == 0 {
		return ""
	}
	return s.opts.Org
}

// Apps returns the apps in creation order.
func (s *Server) Apps() []App {
	s.mu.Lock()
	defer s.mu.Unlock()
	apps := make([]App, len(s.world.apps))
	for i, a := range s.world.apps {
		apps[i] = App{ID: a.id, Name: a.name, Org: a.org}
	}
	return apps
}

// Snapshot returns the status of every job of the app, keyed by job id,
// after advancing the world to the clock's now: the truth a client's store
// is compared with. It is nil for an unknown app.
func (s *Server) Snapshot(appID string) map[string]model.Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.world.advanceTo(s.opts.Clock())
	a, found := s.world.appByID[appID]
	if !found {
		return nil
	}
	statuses := make(map[string]model.Status, len(a.jobs))
	for _, j := range a.jobs {
		statuses[strconv.FormatInt(j.id, 10)] = j.status
	}
	return statuses
}

// AddJobs uploads a batch of n new scheduled jobs to the app now, whatever
// Options.MaxJobs says, and returns their ids. It is a test hook: an unknown
// app is a bug in the test and panics.
func (s *Server) AddJobs(appID string, n int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.world
	w.advanceTo(s.opts.Clock())
	a, found := w.appByID[appID]
	if !found {
		panic(fmt.Sprintf("sim: AddJobs: no app %q", appID))
	}
	if n <= 0 {
		return nil
	}
	ids := make([]string, n)
	for i, j := range w.addBatch(a, w.now.Truncate(time.Second), n, false) {
		ids[i] = strconv.FormatInt(j.id, 10)
	}
	return ids
}

// SetStatus moves a job (by id or uuid) to st now, as the workforce or a
// reviewer would: completed is set on reaching an ended status and cleared
// on leaving one, and a status the simulation moves (SCHEDULED, IN_PROGRESS,
// SUSPENDED) keeps moving from there. It is a test hook: an unknown job is a
// bug in the test and panics.
func (s *Server) SetStatus(jobID string, st model.Status) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.world
	w.advanceTo(s.opts.Clock())
	j, found := w.jobByKey[jobID]
	if !found {
		panic(fmt.Sprintf("sim: SetStatus: no job %q", jobID))
	}
	if j.status != st {
		w.change(j, st, w.now)
	}
}
