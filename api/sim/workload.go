package sim

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"superdash/model"
)

// The shape of the initial workload: per app, uploads spread over the past
// days, long since worked through, plus one large upload from the last
// quarter hour that is still being worked on, so the dashboard opens on a
// moving minority of jobs.
const (
	historyStart   = 72 * time.Hour
	historyEnd     = 2 * time.Hour
	liveWindow     = 15 * time.Minute
	liveSharePct   = 15 // of each app's jobs, in the live upload
	jobsPerUpload  = 150
	maxPastUploads = 40
	firstJobID     = 2_000_000
)

// pendingJob is a job of the initial workload before it gets its id: ids
// are handed out in creation order across all apps, like a database
// sequence, so jobs are first planned and then created in time order.
type pendingJob struct {
	batch   *batch
	created time.Time
	index   int
}

// populate builds the initial workload and lets it live up to o.Start, so
// every status and completed time comes from the same rules that move the
// world afterwards.
func (w *world) populate(o Options) {
	w.now = o.Start
	w.lastID = firstJobID + w.rng.Int64N(firstJobID)
	var pending []pendingJob
	total := o.Apps + o.OrgApps
	for i, n := range split(o.Jobs, total) {
		a := w.newApp(i, total, o.Start)
		if i >= o.Apps { // the organisation's apps come after the account's own
			a.org, a.owner = o.Org, orgOwner(o.Org)
		}
		a.disabled = disabledApp(i, o.Apps)
		pending = w.pastUploads(a, n, o.Start, pending)
	}
	slices.SortStableFunc(pending, func(x, y pendingJob) int { return x.created.Compare(y.created) })
	for _, p := range pending {
		w.settle(w.newJob(p.batch, p.created, p.index), o.Start)
	}
	for _, a := range w.apps {
		w.planUpload(a, o.Start)
	}
}

// newApp creates the i-th of n apps. Apps were created months before start,
// in order.
func (w *world) newApp(i, n int, start time.Time) *app {
	t := appTemplates[i%len(appTemplates)]
	name := t.name
	if round := i / len(appTemplates); round > 0 {
		name = fmt.Sprintf("%s %d", name, round+1)
	}
	created := start.AddDate(-1, 0, 0).
		Add(time.Duration(i) * 300 * 24 * time.Hour / time.Duration(n)).
		Add(between(w.rng, 0, 12*time.Hour)).
		Truncate(time.Second)
	id := newUUID(w.rng)
	a := &app{
		id:         id,
		name:       name,
		owner:      appOwner,
		slug:       t.slug,
		storage:    fmt.Sprintf("data://ws-%s/%s", id[:8], t.slug),
		kind:       t.kind,
		created:    created,
		baselineID: 1000 + w.rng.Int64N(9000),
	}
	w.apps = append(w.apps, a)
	w.appByID[a.id] = a
	return a
}

// appOwner is the username every simulated app belongs to: the account the
// simulator's key stands for.
const appOwner = "ops@example.com"

// orgOwner is the username an organisation's apps belong to: a colleague.
func orgOwner(org string) string { return "lead@" + org + ".example" }

// disabledApp says whether the i-th app is DISABLED, of n of the account's
// own: the second one when there are at least three, so a default world
// (and the demo) has one to show greyed out, while a world of one or two
// apps stays all ENABLED.
func disabledApp(i, n int) bool { return n >= 3 && i == 1 }

// pastUploads plans n jobs of a in uploads before start, appending them to
// pending. One app with a history in two also has an upload that was
// rejected outright.
func (w *world) pastUploads(a *app, n int, start time.Time, pending []pendingJob) []pendingJob {
	live := (n*liveSharePct + 99) / 100
	past := n - live
	// Between 3 and maxPastUploads uploads, of about jobsPerUpload jobs,
	// but never more uploads than jobs.
	uploads := 0
	if past > 0 {
		uploads = min(past, max(3, min(maxPastUploads, past/jobsPerUpload)))
	}
	slots, rejected := uploads, -1
	if uploads > 0 && w.rng.IntN(2) == 0 {
		slots++
		rejected = w.rng.IntN(slots)
	}
	times := make([]time.Time, slots)
	for i := range times {
		times[i] = start.Add(-between(w.rng, historyEnd, historyStart)).Truncate(time.Second)
	}
	slices.SortFunc(times, time.Time.Compare)
	sizes := randomSplit(w.rng, past, uploads)
	for i, at := range times {
		if i == rejected {
			w.rejectedBatch(a, at)
			continue
		}
		size := sizes[0]
		sizes = sizes[1:]
		// A past upload became jobs at a steady pace of a few seconds each,
		// finishing before start however large it is.
		pace := min(between(w.rng, 500*time.Millisecond, 3*time.Second), start.Sub(at)/time.Duration(size+1))
		pending = spread(w.newBatch(a, at, size), size, pace, pending)
	}
	if live > 0 {
		b := w.newBatch(a, start.Add(-liveWindow), live)
		pending = spread(b, live, liveWindow/time.Duration(live), pending)
	}
	return pending
}

// spread plans the n jobs of b, created one every pace from the upload on,
// in whole seconds.
func spread(b *batch, n int, pace time.Duration, pending []pendingJob) []pendingJob {
	for i := range n {
		created := b.created.Add(time.Duration(i) * pace).Truncate(time.Second)
		pending = append(pending, pendingJob{batch: b, created: created, index: i})
	}
	return pending
}

// newBatch creates an upload of a that yields valid jobs; one upload in four
// also had a few rows rejected.
func (w *world) newBatch(a *app, at time.Time, valid int) *batch {
	b := &batch{
		id:           newUUID(w.rng),
		app:          a,
		created:      at,
		rows:         valid,
		fileName:     fmt.Sprintf("%s-%s.csv", a.slug, at.Format("20060102-150405")),
		tags:         pickTags(w.rng, a.kind.tags),
		customerID:   fmt.Sprintf("cus_%06x", w.rng.Uint32()&0xffffff),
		withMetadata: w.rng.IntN(100) < 85,
	}
	if w.rng.IntN(5) == 0 {
		b.callbackURL = "https://hooks.example.com/superai/" + a.slug
	}
	if valid > 0 && w.rng.IntN(4) == 0 {
		bad := 1 + w.rng.IntN(3)
		b.rows += bad
		b.invalid = slices.Sorted(slices.Values(w.rng.Perm(b.rows)[:bad]))
	}
	a.batches = append(a.batches, b)
	return b
}

// rejectedBatch records an upload whose file could not be read at all.
func (w *world) rejectedBatch(a *app, at time.Time) {
	b := w.newBatch(a, at, 0)
	b.rows = 50 + w.rng.IntN(450)
	b.errorMessage = fmt.Sprintf("could not read %s: line %d: unexpected end of input", b.fileName, 1+w.rng.IntN(b.rows))
}

// newJob creates the index-th job of b, scheduled, with the next id.
func (w *world) newJob(b *batch, created time.Time, index int) *job {
	w.lastID++
	j := &job{
		id:      w.lastID,
		uuid:    newUUID(w.rng),
		app:     b.app,
		batch:   b,
		row:     b.rowOf(index),
		jobType: drawJobType(w.rng),
		status:  model.StatusScheduled,
		created: created,
		tags:    b.tags,
		content: w.rng.Uint64(),
	}
	if w.rng.IntN(100) < 6 {
		j.tags = append(slices.Clip(b.tags), "priority")
	}
	w.register(j)
	return j
}

// rowOf maps the index-th job of b to its row in the upload, skipping the
// rejected rows before it.
func (b *batch) rowOf(index int) int {
	row := index
	for _, bad := range b.invalid {
		if bad <= row {
			row++
		}
	}
	return row
}

// drawJobType: most jobs are ordinary work; a few are the calibration and
// onboarding jobs that check the workforce against known answers.
func drawJobType(r *rand.Rand) string {
	switch n := r.IntN(100); {
	case n < 4:
		return "CALIBRATION"
	case n < 6:
		return "ONBOARDING"
	}
	return "DEFAULT"
}

// drawCorrect judges a job that ended with output: jobs with known answers
// always, ordinary jobs when a spot check picked them; unjudged jobs say null.
func drawCorrect(r *rand.Rand, jobType string) *bool {
	if jobType == "DEFAULT" && r.IntN(10) != 0 {
		return nil
	}
	return new(r.IntN(100) < 88)
}

// pickTags picks up to two distinct tags for an upload; none for a third of
// uploads, whose jobs then have null tags.
func pickTags(r *rand.Rand, vocabulary []string) []string {
	n := min(r.IntN(3), len(vocabulary))
	if n == 0 {
		return nil
	}
	tags := make([]string, n)
	for i, k := range r.Perm(len(vocabulary))[:n] {
		tags[i] = vocabulary[k]
	}
	return tags
}

// split divides total into n near-equal parts.
func split(total, n int) []int {
	parts := make([]int, n)
	for i := range parts {
		parts[i] = total / n
		if i < total%n {
			parts[i]++
		}
	}
	return parts
}

// randomSplit divides total into n parts of uneven but comparable size,
// each at least one; total must be at least n.
func randomSplit(r *rand.Rand, total, n int) []int {
	weights := make([]float64, n)
	sum := 0.0
	for i := range weights {
		weights[i] = 0.5 + r.Float64()
		sum += weights[i]
	}
	parts := make([]int, n)
	left := total
	for i := range parts {
		parts[i] = 1 + int(float64(total-n)*weights[i]/sum)
		left -= parts[i]
	}
	if n > 0 {
		parts[n-1] += left
	}
	return parts
}

// newUUID draws a version-4 shaped UUID from r, so it is reproducible.
func newUUID(r *rand.Rand) string {
	var b [16]byte
	binary.LittleEndian.PutUint64(b[:8], r.Uint64())
	binary.LittleEndian.PutUint64(b[8:], r.Uint64())
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}
