package model

// FieldTerm spells a term that selects value in field exactly as written,
// quoted when it must be: how the UI turns a batch or tag the user picked
// (which may hold spaces, commas or quotes) into filter text.
func FieldTerm(field Field, value string) string {
	return string(field) + ":" + quoteValue(value)
}
