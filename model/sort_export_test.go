package model

// Refilter is a View's filter pass alone: a keystroke's work, minus the
// cache that would answer a repeated query. For the bubbles/list baseline
// in package model_test, which must run the same query over and over.
func (v *View) Refilter(q Query) []*Job { return v.filter(q) }
