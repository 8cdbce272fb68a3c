package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
)

// appKind is the kind of work an app does: it decides what its jobs' input
// and output look like. The shapes are made up but typical of super.AI
// projects: data:// URLs for files, nested objects, per-field confidences.
type appKind struct {
	tags   []string // the vocabulary uploads are tagged from
	input  func(r *rand.Rand, j *job) any
	output func(r *rand.Rand, j *job) any
}

// appTemplates are the apps of a workload, in order; past the end of the
// list the names repeat with a number.
var appTemplates = []struct {
	name, slug string
	kind       *appKind
}{
	{"Invoice extraction", "invoices", documentKind},
	{"Storefront image moderation", "storefront", imageKind},
	{"Support ticket triage", "tickets", ticketKind},
	{"Receipt extraction", "receipts", documentKind},
	{"Product photo tagging", "product-photos", imageKind},
	{"Contract review", "contracts", documentKind},
}

// dataURL is where a job's file lives in the workspace's storage.
func dataURL(j *job, folder, name string) string {
	return j.app.storage + "/" + folder + "/" + name
}

// jobMetadata is what the uploader attached: who the job is for and where
// its row came from; null for uploads made without metadata.
func jobMetadata(j *job) any {
	b := j.batch
	if b.submitted {
		return rawOrNull(b.metadata)
	}
	if !b.withMetadata {
		return nil
	}
	return map[string]any{"customerId": b.customerID, "sourceFile": b.fileName, "sourceRow": j.row}
}

// rawOrNull is JSON kept as sent, or null for nothing.
func rawOrNull(raw []byte) json.RawMessage {
	if len(bytes.TrimSpace(raw)) == 0 {
		return json.RawMessage("null")
	}
	return raw
}

var imageKind = &appKind{
	tags: []string{"marketplace", "backfill", "eu", "us", "pilot"},
	input: func(r *rand.Rand, j *job) any {
		name := fmt.Sprintf("IMG_%s_%06d.jpeg", j.created.Format("20060102"), r.IntN(1_000_000))
		return map[string]any{
			"image_url":    dataURL(j, "images", name),
			"reference_id": fmt.Sprintf("SKU-%05d", r.IntN(100_000)),
		}
	},
	output: func(r *rand.Rand, _ *job) any {
		vocabulary := []string{"apparel", "footwear", "electronics", "furniture", "toy", "jewellery", "person", "text overlay", "watermark"}
		labels := make([]any, 1+r.IntN(3))
		for i := range labels {
			labels[i] = map[string]any{"label": pick(r, vocabulary), "confidence": confidence(r)}
		}
		out := map[string]any{"labels": labels, "safe": true, "rejection_reason": nil}
		if r.IntN(100) < 8 {
			out["safe"] = false
			out["rejection_reason"] = pick(r, []string{"nudity", "violence", "counterfeit logo", "personal data visible"})
		}
		return out
	},
}

var documentKind = &appKind{
	tags: []string{"q1-close", "q2-close", "backfill", "rush", "eu", "audit"},
	input: func(r *rand.Rand, j *job) any {
		name := fmt.Sprintf("%s-%d-%05d.pdf", j.app.slug, j.created.Year(), r.IntN(100_000))
		return map[string]any{
			"document": map[string]any{
				"url":       dataURL(j, "documents", name),
				"pages":     1 + r.IntN(12),
				"language":  pick(r, []string{"en", "en", "en", "de", "fr", "es", "nl"}),
				"mime_type": "application/pdf",
			},
			"fields": []string{"document_number", "issue_date", "due_date", "total_amount", "counterparty"},
		}
	},
	output: func(r *rand.Rand, j *job) any {
		field := func(value any, page int) map[string]any {
			return map[string]any{"value": value, "confidence": confidence(r), "page": page}
		}
		issued := j.created.AddDate(0, 0, -r.IntN(30))
		total := field(fmt.Sprintf("%d.%02d", 20+r.IntN(5000), r.IntN(100)), 1)
		total["currency"] = pick(r, []string{"EUR", "USD", "GBP"})
		return map[string]any{
			"fields": map[string]any{
				"document_number": field(fmt.Sprintf("DOC-%d-%05d", issued.Year(), r.IntN(100_000)), 1),
				"issue_date":      field(issued.Format("2006-01-02"), 1),
				"due_date":        field(issued.AddDate(0, 0, 30).Format("2006-01-02"), 1),
				"total_amount":    total,
				"counterparty":    field(pick(r, []string{"Acme GmbH", "Globex Ltd", "Initech B.V.", "Umbrella S.A.", "Société Générale de Fournitures"}), 1),
			},
			"pages_processed": 1 + r.IntN(12),
		}
	},
}

// ticketSubjects are free text from end users, so they carry what free text
// carries: other scripts, and now and then terminal control sequences that a
// dashboard must not pass through.
var ticketSubjects = []string{
	"Refund for order #%d not received",
	"Can't log in since the last update (order %d)",
	"Rechnung %d wurde doppelt belastet",
	"Le colis n°%d est arrivé endommagé",
	"注文 %d の配送状況を確認したい",
	"Wrong size delivered for order %d",
	"Cancel my subscription, order %d",
}

const hostileSubject = "\x1b[2J\x1b[1;31mURGENT\x1b[0m order %d\x07 account locked"

var ticketKind = &appKind{
	tags: []string{"vip", "backlog", "eu", "us", "weekend"},
	input: func(r *rand.Rand, _ *job) any {
		subject := pick(r, ticketSubjects)
		if r.IntN(200) == 0 {
			subject = hostileSubject
		}
		return map[string]any{
			"subject":       fmt.Sprintf(subject, 100_000+r.IntN(900_000)),
			"channel":       pick(r, []string{"email", "chat", "web form"}),
			"customer_tier": pick(r, []string{"free", "pro", "enterprise"}),
		}
	},
	output: func(r *rand.Rand, _ *job) any {
		return map[string]any{
			"category":  pick(r, []string{"billing", "delivery", "account", "returns", "other"}),
			"priority":  pick(r, []string{"low", "normal", "normal", "high", "urgent"}),
			"language":  pick(r, []string{"en", "de", "fr", "ja"}),
			"sentiment": float64(r.IntN(201)-100) / 100,
		}
	},
}

func pick[T any](r *rand.Rand, options []T) T { return options[r.IntN(len(options))] }

// confidence draws a model confidence with two decimals, mostly high.
func confidence(r *rand.Rand) float64 { return float64(55+r.IntN(45)) / 100 }
