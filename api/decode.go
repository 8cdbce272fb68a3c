package api

import (
	"encoding/json"
	"fmt"

	"superdash/model"
)

// decodeList reads the JSON array raw (null reads as empty), decoding each
// element with decode. An element decode rejects is skipped and described
// in problems: one odd element never costs the rest of the list. It also
// returns how many elements the array held, skipped ones included.
func decodeList[T any](name string, raw json.RawMessage, decode func([]byte) (T, error), problems *[]string) ([]T, int, error) {
	var elems []json.RawMessage
	if string(raw) != "null" {
		if err := json.Unmarshal(raw, &elems); err != nil {
			return nil, 0, fmt.Errorf("%q is not a list: %w", name, err)
		}
	}
	out := make([]T, 0, len(elems))
	for i, elem := range elems {
		v, err := decode(elem)
		if err != nil {
			*problems = append(*problems, fmt.Sprintf("skipped element %d of %q: %v", i, name, err))
			continue
		}
		out = append(out, v)
	}
	return out, len(elems), nil
}

// countField reads an optional envelope count: nil when absent, null or
// unreadable (an unreadable one is also a Problem).
func countField(name string, raw json.RawMessage, problems *[]string) *int {
	if raw == nil || string(raw) == "null" {
		return nil
	}
	n, err := model.DecodeInt(raw)
	if err != nil {
		*problems = append(*problems, name+": "+err.Error())
		return nil
	}
	return &n
}
