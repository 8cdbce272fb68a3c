package sim

import (
	"container/heap"
	"math/rand/v2"
	"strconv"
	"time"

	"superdash/model"
)

// world is the simulated state: apps, their batches and jobs, and the queue
// of changes scheduled to happen. It has no lock of its own: every method
// runs under the Server's mutex.
type world struct {
	rng      *rand.Rand
	now      time.Time // the latest clock reading applied; never moves back
	apps     []*app
	appByID  map[string]*app
	jobByKey map[string]*job // by id and by uuid: the API accepts either
	jobCount int
	maxJobs  int  // uploads stop once jobCount, with the uncommitted ones, reaches it, unless endless
	endless  bool // Options.Endless: uploads never stop; old ended jobs are retired instead
	uploads  int  // uploads committed in an endless world: every troubledEvery-th is troubled
	lastID   int64
	queue    eventQueue
	seq      uint64
	// lateCommits and lagRng delay the commit of uploads and endings
	// (Options.LateCommits); the delays are a random stream of their own.
	lateCommits time.Duration
	lagRng      *rand.Rand
	uncommitted int // jobs of uploads not committed yet
}

type app struct {
	id, name   string
	disabled   bool   // its status is DISABLED: still listed, with its jobs
	owner      string // ownerUsername
	org        string // the organisation it belongs to; "" for the account's own
	slug       string // names its files and callback path
	storage    string // where its files live, as a data:// URL prefix
	kind       *appKind
	created    time.Time
	baselineID int64
	jobs       []*job   // in id order, which is also creation order
	batches    []*batch // in creation order
	version    uint64   // bumped when a job is added or changes: see selection
	selections map[string]selection
}

// batch is one upload of inputs: some rows become jobs, some are rejected.
type batch struct {
	id           string
	app          *app
	created      time.Time
	rows         int   // rows in the upload, valid or not
	invalid      []int // rejected rows, 0-based, ascending
	fileName     string
	errorMessage string // set when the whole upload was rejected
	jobs         int    // jobs the upload became
	retained     int    // of those, the ones not retired yet
	troubled     bool   // its jobs follow troubledLifecycle
	tags         []string
	callbackURL  string
	customerID   string
	withMetadata bool
	// submitted: the batch came from POST apps/{id}/jobs; its jobs carry
	// the metadata (raw, as sent) and inputs that came with it.
	submitted bool
	metadata  []byte
}

type job struct {
	id        int64
	uuid      string
	app       *app
	batch     *batch
	row       int // the job's row in its upload
	jobType   string
	status    model.Status
	created   time.Time
	completed time.Time // zero while the job has not ended
	tags      []string
	correct   *bool
	content   uint64 // seeds the job's input, metadata and output
	input     []byte // the input as submitted; nil for a generated one
	gen       uint32 // bumped on every change: queued events of older generations are stale
	cache     []byte // the job's JSON, kept until it changes
}

// Independent random streams per seed, so that drawing a fault never shifts
// what the world does next.
const (
	worldStream uint64 = iota + 1
	faultStream
	inputStream
	outputStream
	lagStream
)

func newWorld(o Options) *world {
	w := &world{
		rng:      rand.New(rand.NewPCG(uint64(o.Seed), worldStream)),
		appByID:  make(map[string]*app, o.Apps),
		jobByKey: make(map[string]*job, 2*o.Jobs),
		maxJobs:  o.MaxJobs,
		endless:  o.Endless,

		lateCommits: o.LateCommits,
		lagRng:      rand.New(rand.NewPCG(uint64(o.Seed), lagStream)),
	}
	w.populate(o)
	return w
}

// advanceTo applies, in commit order, every change committed up to now,
// each stamped with the instant it happened. The result depends only on
// the instants, never on how often this is called.
func (w *world) advanceTo(now time.Time) {
	now = now.UTC().Truncate(time.Microsecond)
	for len(w.queue) > 0 && !w.queue[0].at.After(now) {
		e := heap.Pop(&w.queue).(event)
		switch {
		case e.job == nil && e.jobs > 0:
			w.uncommitted -= e.jobs
			w.commitUpload(e.app, e.stamp, e.jobs)
		case e.job == nil:
			w.upload(e.app, e.stamp)
		case e.gen == e.job.gen:
			w.change(e.job, e.to, e.stamp)
		}
	}
	if now.After(w.now) {
		w.now = now
	}
}

// change moves j to status to at the given instant and plans what follows.
func (w *world) change(j *job, to model.Status, at time.Time) {
	w.apply(j, to, at)
	w.plan(j, at)
}

// settle lives j's life from its creation up to until, applying each change
// directly, and queues only the change still to come. It is how the initial
// workload gets its past: the same rules, without a queue of every job.
func (w *world) settle(j *job, until time.Time) {
	for e, ok := w.next(j, j.created); ok; e, ok = w.next(j, e.at) {
		if e.at.After(until) {
			w.schedule(e)
			return
		}
		w.apply(j, e.to, e.at)
	}
}

// apply moves j to status to at the given instant, keeping completed and
// correct as the API does: completed is set on reaching an ended status and
// cleared on leaving it; correct exists only while there is output to judge.
func (w *world) apply(j *job, to model.Status, at time.Time) {
	was := j.status
	j.status = to
	j.gen++
	j.cache = nil
	j.app.version++
	switch {
	case !to.Ended():
		j.completed = time.Time{}
	case !was.Ended():
		j.completed = at
	}
	switch {
	case !to.HasOutput():
		j.correct = nil
	case !was.HasOutput():
		j.correct = drawCorrect(w.rng, j.jobType)
	}
}

// plan schedules j's next change, if its status moves by itself.
func (w *world) plan(j *job, from time.Time) {
	if e, ok := w.next(j, from); ok {
		w.schedule(e)
	}
}

// next draws j's next change after from; ok is false when its status does
// not move by itself.
func (w *world) next(j *job, from time.Time) (e event, ok bool) {
	rules := lifecycle
	if j.batch.troubled {
		rules = troubledLifecycle
	}
	to, after, ok := nextChange(w.rng, rules, j.status)
	return event{at: from.Add(after), job: j, to: to, gen: j.gen}, ok
}

// planUpload schedules a's next upload, unless the world is full and not
// endless.
func (w *world) planUpload(a *app, from time.Time) {
	if w.endless || w.jobCount+w.uncommitted < w.maxJobs {
		w.schedule(event{at: from.Add(nextUpload(w.rng)), app: a})
	}
}

// upload brings a new batch of jobs to a, then schedules the next one.
// With late commits the batch is committed later, as its own event, while
// the next upload is planned at once: so uploads may commit out of order.
func (w *world) upload(a *app, at time.Time) {
	n := uploadSize(w.rng)
	if !w.endless {
		n = min(n, w.maxJobs-w.jobCount-w.uncommitted)
	}
	if n > 0 {
		if w.lateCommits > 0 {
			w.schedule(event{at: at.Add(w.commitDelay()), stamp: at, app: a, jobs: n})
			w.uncommitted += n
		} else {
			w.commitUpload(a, at, n)
		}
	}
	w.planUpload(a, at)
}

// addBatch creates a batch of n scheduled jobs in a, created at the given
// instant, and sets them moving; a troubled batch's jobs fail far more often.
func (w *world) addBatch(a *app, at time.Time, n int, troubled bool) []*job {
	b := w.newBatch(a, at, n)
	b.troubled = troubled
	jobs := make([]*job, n)
	for i := range jobs {
		jobs[i] = w.newJob(b, at, i)
		w.plan(jobs[i], at)
	}
	return jobs
}

// schedule queues e, which commits at e.at. Unless set, its stamp is e.at;
// an ending commits up to lateCommits after it.
func (w *world) schedule(e event) {
	w.seq++
	e.seq = w.seq
	if e.stamp.IsZero() {
		e.stamp = e.at
		if e.job != nil && e.to.Ended() {
			e.at = e.at.Add(w.commitDelay())
		}
	}
	heap.Push(&w.queue, e)
}

// commitDelay draws how long after it happens a change commits: up to
// lateCommits, or none with the switch off.
func (w *world) commitDelay() time.Duration {
	if w.lateCommits <= 0 {
		return 0
	}
	return time.Duration(w.lagRng.Int64N(int64(w.lateCommits) + 1))
}

func (w *world) register(j *job) {
	j.app.jobs = append(j.app.jobs, j)
	j.app.version++
	j.batch.jobs++
	j.batch.retained++
	w.jobByKey[strconv.FormatInt(j.id, 10)] = j
	w.jobByKey[j.uuid] = j
	w.jobCount++
}

// event is a scheduled change: a job's next status, or, when job is nil, an
// app's next upload, or, when jobs is set too, the commit of an upload of
// that many jobs (with late commits).
type event struct {
	at    time.Time // when it commits: what the queue is ordered by
	stamp time.Time // when it happened: the created or completed time it sets
	seq   uint64    // scheduling order, to break ties between equal instants
	job   *job
	to    model.Status
	gen   uint32 // the job's generation when scheduled
	app   *app
	jobs  int
}

// eventQueue is a min-heap of events by (at, seq): by commit time. It holds only what is
// still going to happen, so advancing costs the changes made, not the size
// of the world.
type eventQueue []event

func (q eventQueue) Len() int { return len(q) }
func (q eventQueue) Less(i, j int) bool {
	if c := q[i].at.Compare(q[j].at); c != 0 {
		return c < 0
	}
	return q[i].seq < q[j].seq
}
func (q eventQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *eventQueue) Push(x any)   { *q = append(*q, x.(event)) }
func (q *eventQueue) Pop() any {
	old := *q
	e := old[len(old)-1]
	*q = old[:len(old)-1]
	return e
}
