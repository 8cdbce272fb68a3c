//go:build race

package api_test

// raceEnabled: the race detector slows decoding tenfold and more, so the
// heaviest tests run a smaller version under it.
const raceEnabled = true
