package actions

// MarkedKeys are the marked jobs, for an action the dashboard sends
// itself (a resubmission of them).
func (m Model) MarkedKeys() []string { return m.marks.keys() }
