package sim

import "time"

// Options configures a simulated API. The zero value is usable: three apps,
// 3000 jobs, key "sim-key", the real clock at normal speed.
type Options struct {
	Seed int64
	Apps int // default 3
	// Jobs is the initial number of jobs across all apps: 0 means 3000, a
	// negative number means none (a test then adds its own with AddJobs).
	Jobs int
	// MaxJobs caps the total that new uploads may bring the world to, so a
	// long demo does not grow without limit: 0 means twice the initial jobs,
	// and a value at or below the initial jobs means no uploads at all.
	// AddJobs ignores it.
	MaxJobs int
	// Endless keeps uploads coming forever, as the demo wants: once the
	// world holds MaxJobs jobs, each upload retires as many of its app's
	// oldest ended jobs as it brings (and a batch whose jobs are all
	// retired goes with them), so memory stays flat. One upload in
	// troubledEvery is a troubled one, whose jobs fail far more often.
	Endless bool
	APIKey  string // the API-KEY header every request must carry; default "sim-key"
	// Clock gives the simulated now. nil means the real clock, scaled by
	// Speed, counted from Start.
	Clock func() time.Time
	// Speed is simulated seconds per real second with the real clock;
	// default 1 (the demo uses about 20).
	Speed float64
	// Start is the simulated time at which the initial workload is seen.
	// Default: the first reading of Clock, or the real now, truncated to
	// the second.
	Start       time.Time
	NoRestart   bool // serve no restart path: POST jobs/{id}/restart answers 404
	NumericIDs  bool // send job ids as JSON numbers, as some endpoints do
	MaxPageSize int  // largest page served; a larger size is clamped; default 1000
	// StrictStatuses makes the job list answer like a strict host that
	// knows only the classic seven statuses (API.md): a statusIn naming any
	// other, a newer one included, is refused with 400 and a message naming
	// it. Off, a status the host does not know matches no job, and the list
	// comes back empty.
	StrictStatuses bool
	// OrgApps is how many apps, besides Apps, belong to the organisation
	// Org: GET organizations/{Org}/apps lists them, GET apps does not.
	// Default none.
	OrgApps int
	Org     string // the organisation's id; default "acme-labs"
	// LateCommits, when positive, makes the server commit out of
	// timestamp order, as the nodes of a real cluster do: a new upload's
	// jobs, or a job's ending, become visible up to this long after their
	// created or completed time, each after its own random delay, so a
	// change stamped later can be listed before one stamped earlier. Ids
	// follow the commit order, as a database sequence's do. The test hooks
	// AddJobs and SetStatus commit at once. Default 0: in order, at once.
	LateCommits time.Duration
}

const (
	defaultApps        = 3
	defaultJobs        = 3000
	defaultAPIKey      = "sim-key"
	defaultMaxPageSize = 1000
	defaultOrg         = "acme-labs"
)

// withDefaults fills in every unset field, including the clock, so the rest
// of the package never has to ask what zero means.
func (o Options) withDefaults() Options {
	if o.Apps <= 0 {
		o.Apps = defaultApps
	}
	switch {
	case o.Jobs == 0:
		o.Jobs = defaultJobs
	case o.Jobs < 0:
		o.Jobs = 0
	}
	if o.MaxJobs == 0 {
		o.MaxJobs = 2 * o.Jobs
	}
	if o.APIKey == "" {
		o.APIKey = defaultAPIKey
	}
	if o.Speed <= 0 {
		o.Speed = 1
	}
	if o.OrgApps < 0 {
		o.OrgApps = 0
	}
	if o.Org == "" {
		o.Org = defaultOrg
	}
	if o.MaxPageSize <= 0 {
		o.MaxPageSize = defaultMaxPageSize
	}
	if o.Start.IsZero() {
		now := time.Now
		if o.Clock != nil {
			now = o.Clock
		}
		o.Start = now()
	}
	o.Start = o.Start.UTC().Truncate(time.Second)
	if o.Clock == nil {
		o.Clock = scaledClock(o.Start, o.Speed)
	}
	return o
}
