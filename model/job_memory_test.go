package model

import (
	"bytes"
	"testing"
	"unsafe"
)

// A Job stays within the 256-byte size class: one more field would move
// every job of a 100,000-job store to the next class (288 bytes).
func TestJobFitsItsSizeClass(t *testing.T) {
	if size := unsafe.Sizeof(Job{}); size > 256 {
		t.Errorf("a Job is %d bytes, more than 256", size)
	}
}

// Values that repeat from job to job are held once, not once per job.
func TestDecodeJobSharesRepeatedValues(t *testing.T) {
	decode := func(id string) Job {
		j, err := DecodeJob([]byte(`{"id":"` + id + `","appId":"app-1","batchId":"batch-1","status":"COMPLETED",` +
			`"jobType":"DEFAULT","callbackUrl":"https://x.example/cb","tags":["gold","qa"],"input":{"a":1}}`))
		if err != nil {
			t.Fatal(err)
		}
		return j
	}
	a, b := decode("1"), decode("2")
	for name, pair := range map[string][2]string{
		"appId": {a.AppID, b.AppID}, "batchId": {a.BatchID, b.BatchID},
		"status": {string(a.Status), string(b.Status)}, "jobType": {a.JobType, b.JobType},
		"callbackUrl": {a.CallbackURL, b.CallbackURL}, "tag": {a.Tags[1], b.Tags[1]},
	} {
		if pair[0] != pair[1] || unsafe.StringData(pair[0]) != unsafe.StringData(pair[1]) {
			t.Errorf("%s: %q and %q are held twice", name, pair[0], pair[1])
		}
	}
	if string(a.Input()) != `{"a":1}` || string(a.Metadata()) != "null" {
		t.Errorf("input %s, metadata %s", a.Input(), a.Metadata())
	}
	// The input is read from Raw, not from a copy of it.
	at := bytes.Index(a.Raw, []byte(`{"a":1}`))
	if in := a.Input(); at < 0 || &in[0] != &a.Raw[at] {
		t.Error("the input is not a slice of Raw")
	}
}
