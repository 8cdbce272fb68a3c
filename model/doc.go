// Package model is the dashboard's data, with no I/O and no Bubble Tea:
// jobs, apps and batches as the API sends them (unknown statuses and
// fields kept, never rejected), the Store that keeps jobs by key across
// refreshes, the Delta a sync merges into it, queries (parsed, built and
// matched), sorting and the sorted views the table draws from, and export
// to JSON Lines and CSV. It imports nothing else of superdash, so every
// other package may use it and its tests need no server or terminal.
package model
