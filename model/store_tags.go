package model

import "encoding/binary"

// tagSets shares one copy of each list of tags among the stored jobs that
// carry it. Jobs of one upload usually carry the same tags, and each job
// decoded with its own copy of the list costs a small allocation per job,
// plus a cache miss per job whenever a bare word is matched against them.
// A list goes when the last job carrying it does.
type tagSets struct {
	sets    map[string]*tagSet // by the tags, joined (see join)
	scratch []byte
}

type tagSet struct {
	tags []string
	jobs int
}

// share returns the shared copy of tags, which becomes it when it is the
// first, and counts one more job carrying it. Each share is matched by a
// release.
func (ts *tagSets) share(tags []string) []string {
	if len(tags) == 0 {
		return tags
	}
	key := ts.join(tags)
	if set, ok := ts.sets[string(key)]; ok { // a lookup that does not copy key
		set.jobs++
		return set.tags
	}
	if ts.sets == nil {
		ts.sets = make(map[string]*tagSet)
	}
	ts.sets[string(key)] = &tagSet{tags: tags, jobs: 1}
	return tags
}

// release counts one job fewer carrying tags.
func (ts *tagSets) release(tags []string) {
	if len(tags) == 0 {
		return
	}
	key := ts.join(tags)
	set, ok := ts.sets[string(key)]
	if !ok {
		return
	}
	if set.jobs--; set.jobs == 0 {
		delete(ts.sets, string(key))
	}
}

// join is tags written out in the scratch space, each after its length,
// as a key to look up, valid until the next join. A separator would not
// do: tags come from the API and may hold any byte, so ["x\x00y"] and
// ["x", "y"] would share a key, and a job would get another job's tags.
func (ts *tagSets) join(tags []string) []byte {
	b := ts.scratch[:0]
	for _, tag := range tags {
		b = append(binary.AppendUvarint(b, uint64(len(tag))), tag...)
	}
	ts.scratch = b
	return b
}
