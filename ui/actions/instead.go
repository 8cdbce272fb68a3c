package actions

// insteadOf is the jobs to offer to resubmit when a host does not offer a:
// a restart the host lacks can be had as a new job with the same input.
// Nothing else has a stand-in.
func insteadOf(a *Action, keys ...string) []string {
	if a != Restart || len(keys) == 0 {
		return nil
	}
	return keys
}

// askedKeys are the jobs an action key was pressed for: the marked ones,
// else the one under the cursor.
func (m *Model) askedKeys(jobs Jobs) []string {
	if len(m.marks) > 0 {
		return m.marks.keys()
	}
	if job, ok := jobs.Table.Selected(); ok {
		return []string{job.Key()}
	}
	return nil
}
