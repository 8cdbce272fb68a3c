package sim

import (
	"fmt"
	"net/url"
	"testing"
	"time"
)

// TestLateCommits watches the job list every few simulated seconds, as a
// client polling it would, and records when each new job and each ending
// first shows. With LateCommits, each shows within the delay after its
// created or completed time, some after a change stamped later (out of
// order), and the list sorted by creation is still in creation order.
// Without it, everything shows in timestamp order.
func TestLateCommits(t *testing.T) {
	const step = 20 * time.Second
	for _, late := range []time.Duration{0, 8 * time.Minute} {
		t.Run(fmt.Sprintf("LateCommits=%v", late), func(t *testing.T) {
			f := serve(t, Options{Seed: 3, Apps: 1, Jobs: 150, LateCommits: late})
			app := f.AppIDs()[0]
			q := url.Values{"sortBy": {"created"}}
			seen := map[string]bool{} // job ids, and ids+"/ended"
			var newest time.Time      // the latest stamp shown by the polls before
			outOfOrder, slowest := 0, time.Duration(0)
			for i := range 40 * time.Minute / step {
				f.clock.Advance(step)
				now := f.clock.Now()
				jobs := f.allJobs(t, app, q, 1000)
				latest := newest
				for k, j := range jobs {
					if k > 0 && j.Created.Before(jobs[k-1].Created) {
						t.Fatalf("poll %d: sorted by created, job %s (%v) comes after %s (%v)",
							i, j.ID, j.Created, jobs[k-1].ID, jobs[k-1].Created)
					}
					for _, c := range []struct {
						key   string
						stamp time.Time
					}{{j.ID, j.Created}, {j.ID + "/ended", j.Completed}} {
						if c.stamp.IsZero() || seen[c.key] {
							continue
						}
						seen[c.key] = true
						if i == 0 {
							continue // the initial workload: shown from the start
						}
						if delay := now.Sub(c.stamp); delay > late+step {
							t.Fatalf("poll %d: %s (stamped %v) first shows %v later, past the %v allowed",
								i, c.key, c.stamp, delay, late)
						} else {
							slowest = max(slowest, delay)
						}
						if c.stamp.Before(newest) {
							outOfOrder++
						}
						latest = maxTime(latest, c.stamp)
					}
				}
				newest = latest
			}
			t.Logf("%d changes showed after one stamped later; the slowest %v after its stamp", outOfOrder, slowest)
			switch {
			case late == 0 && outOfOrder > 0:
				t.Errorf("without LateCommits, %d changes showed out of timestamp order", outOfOrder)
			case late > 0 && (outOfOrder == 0 || slowest <= step):
				t.Errorf("with LateCommits %v: %d changes out of order, the slowest %v after its stamp: the commits are not late",
					late, outOfOrder, slowest)
			}
		})
	}
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
