// Package sim is a simulated super.AI API: an http.Handler that speaks the
// paths, authentication, paging, filters and errors of shared/API.md over a
// generated workload that keeps moving as its clock advances. It backs
// `superdash --demo`, `superdash sim`, and every test that needs a server.
//
// The simulation is deterministic: for a given Options.Seed, the state at a
// simulated instant depends only on that instant and on the calls made
// (cancel, restart, AddJobs, SetStatus), not on how often the world was
// looked at in between. Time moves lazily: each request first applies every
// scheduled change up to the clock's now, in time order, or, with
// Options.LateCommits, in the order the changes commit: uploads and endings
// then become visible up to that long after the instant they carry, out of
// order, as the nodes of a real cluster commit them.
//
// The wire format follows API.md: job ids are strings of digits (JSON
// numbers with Options.NumericIDs); a job's created has whole seconds and
// completed has microseconds, both with a +00:00 offset (the fraction is
// left out when zero, as Python does); apps spell created
// "2023-07-25 12:29:24 UTC" and batches "2023-07-25T12:29:24.000Z".
// Inputs are made-up but typical (data:// image and document URLs with
// nested objects, support tickets whose text now and then carries terminal
// control sequences, as user data does).
//
// Choices where the real API is undocumented (API.md marks them unsure):
//   - GET apps answers {apps, total, pageSize, pageNumber, pages,
//     totalArchivedApps} as recorded real responses do, and defaults to
//     page 0, size 10 (as the real API does), sortBy=created (or name),
//     orderBy=asc. statusIn (ENABLED, DISABLED) filters it. An app's status
//     is ENABLED, or DISABLED for the second of three or more apps.
//     GET apps/{uuid} answers one app, or 404 with a message.
//   - With Options.OrgApps, that many more apps belong to the organisation
//     Options.Org: GET organizations/{Org}/apps lists them (same query and
//     envelope), GET apps does not; any other organisation is a 404 with a
//     message.
//   - GET apps/{id}/jobs defaults to page 0, size 10, sortBy=id, orderBy=asc
//     (the sort the official SDK always asks for). size above
//     Options.MaxPageSize is clamped and pageSize reports the clamped value.
//     Ties on the sort key are broken by id in the same direction, so paging
//     is stable. Jobs without completed sort after every date in ascending
//     order and before them in descending order, as SQL NULLs do. status
//     sorts alphabetically.
//   - Date filters compare instants: start and end are both inclusive, and
//     a job without completed never matches a completed filter.
//   - tags matches jobs carrying any of the given tags, whether repeated
//     (tags=a&tags=b) or comma-separated (tags=a,b). batchId is honoured.
//   - statusIn, like tags, takes repeated or comma-separated values; an
//     unknown status matches nothing rather than failing the request.
//   - GET apps/{id}/batches answers a bare JSON array of batch objects,
//     newest first, as a snake_case (Python-style) service typically does.
//   - GET jobs/{id}/response answers the output for a job that ended with
//     output; any other job answers 404 with a message saying why.
//   - Cancelling or restarting a job in the wrong status answers 409 and
//     changes nothing; with Options.NoRestart the restart path does not
//     exist (404), as on a host without it.
//   - A status change between ended statuses (a review moving COMPLETED to
//     REVIEWED, via SetStatus) keeps the original completed time, so only a
//     full pass can see it, as with the real API.
package sim
