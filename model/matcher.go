package model

// Matcher is Match for the jobs of the store, as the job table's filter
// matches them: with the search texts the store keeps (built on the spot,
// and not kept, for a job that has none yet), and an in-status term
// measured from when the store saw the job enter its status, by the
// store's clock when Matcher was called. Match alone has no status-entry
// time, so an in-status term never holds for it. A job the store does not
// hold matches nothing. Like the store, it is for the store's goroutine.
func (s *Store) Matcher(q Query) func(j *Job) bool {
	now := s.clock().UnixNano()
	return func(j *Job) bool {
		pos, ok := s.index[j.Key()]
		if !ok {
			return false
		}
		e := &s.entries[pos]
		if q.hasText && e.text == "" {
			built := *e
			built.text, built.fields = searchText(e.job), fieldMask(e.job)
			e = &built
		}
		return q.matches(e, now)
	}
}
