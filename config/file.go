package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// EnvConfig names the variable that points at the config file.
const EnvConfig = "SUPERDASH_CONFIG"

// configPath picks the config file: --config, else $SUPERDASH_CONFIG, else
// superdash/config.toml in the OS config dir. namedBy is the flag or
// variable that named it, "" for the default: a file the user named must
// exist, the default one may be missing.
func configPath(flagPath string, env Env) (path, namedBy string) {
	switch {
	case flagPath != "":
		return flagPath, "--config"
	case env.getenv(EnvConfig) != "":
		return env.getenv(EnvConfig), "$" + EnvConfig
	case env.ConfigDir != "":
		return filepath.Join(env.ConfigDir, "superdash", "config.toml"), ""
	}
	return "", ""
}

// file is what the config file says, checked but not yet merged.
type file struct {
	path     string
	top      level
	profiles map[string]level
	names    []string // profile names as written, for the unknown-profile error
	keys     []keyOverride
	colors   map[string]string
	filters  []savedFilter
	holdsKey bool // the top level or a profile sets api_key: see permissionWarning
}

// level is what the file's top level or one profile sets.
type level struct {
	sets       []func(*Config) // each setting, already checked
	key        *keyRef         // where this level says the API key is, if it does
	hostSource string          // where this level sets base_url, if it does
}

func (l level) apply(c *Config) {
	for _, set := range l.sets {
		set(c)
	}
	if l.hostSource != "" {
		c.HostSource = l.hostSource
	}
}

// topTables are the top-level keys other than settings.
var topTables = []string{"keys", "colors", "filters", "profiles"}

// loadFile reads and checks the config file at path, adding every problem it
// finds to ps. It returns nil when there is no file or it cannot be parsed.
func loadFile(path, namedBy string, ps *problems) *file {
	if path == "" {
		return nil
	}
	data, err := readSmallFile(path)
	var pathErr *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist) && namedBy == "":
		return nil
	case errors.As(err, &pathErr) && namedBy != "":
		ps.add("", 0, "%s %s: %v", namedBy, path, pathErr.Err)
		return nil
	case err != nil:
		ps.add("", 0, "read the config file: %v", err)
		return nil
	}
	var top map[string]toml.Primitive
	md, err := toml.Decode(string(data), &top)
	if err != nil {
		ps.add(path, syntaxLine(err), "%s", syntaxReason(err, data))
		return nil
	}
	d := &doc{path: path, md: md, text: strings.Split(string(data), "\n"), ps: ps}
	f := &file{path: path, profiles: map[string]level{}}
	for _, n := range d.sorted(nil, top) {
		switch n.name() {
		case "keys":
			f.keys = d.readKeys(n)
		case "colors":
			f.colors = d.readColors(n)
		case "filters":
			f.filters = d.readFilters(n)
		case "profiles":
			d.readProfiles(n, f)
		default:
			if !d.readSetting(&f.top, n, "") {
				d.errorf(n, "unknown setting %q%s", n.name(), suggest(n.name(), append(levelKeys(), topTables...)))
			}
		}
	}
	f.holdsKey = f.top.key != nil && f.top.key.setting == settingAPIKey
	for _, p := range f.profiles {
		f.holdsKey = f.holdsKey || (p.key != nil && p.key.setting == settingAPIKey)
	}
	return f
}

func syntaxLine(err error) int {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return pe.Position.Line
	}
	return 0
}

// syntaxReason is the parser's message, unless the broken line sets an API
// key and the message quotes part of its value, which may be the key.
func syntaxReason(err error, data []byte) string {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return "not valid TOML: " + err.Error()
	}
	lines := strings.Split(string(data), "\n")
	if l := pe.Position.Line; l >= 1 && l <= len(lines) {
		name, value, _ := strings.Cut(lines[l-1], "=")
		if strings.HasPrefix(strings.TrimSpace(name), "api_key") {
			for _, q := range quoted.FindAllString(pe.Message, -1) {
				if strings.Contains(value, q[1:len(q)-1]) {
					return "not valid TOML: write the value between single quotes, like api_key = '...' " +
						"(the parser's message is left out, as it quotes part of the value)"
				}
			}
		}
	}
	return "not valid TOML: " + pe.Message
}

// quoted finds what the parser's messages quote.
var quoted = regexp.MustCompile(`'[^']*'|"[^"]*"`)

// readProfiles reads [profiles.NAME] tables: each may set what the top
// level sets, except the tables.
func (d *doc) readProfiles(n node, f *file) {
	profiles, ok := d.table(n, "[profiles.NAME] tables")
	if !ok {
		return
	}
	for _, p := range profiles {
		label := fmt.Sprintf("[%s]", p.key)
		entries, ok := d.table(p, "a table like "+label)
		if !ok {
			continue
		}
		var l level
		for _, e := range entries {
			if !d.readSetting(&l, e, p.name()) {
				d.errorf(e, "unknown setting %q in %s%s", e.name(), label, suggest(e.name(), levelKeys()))
			}
		}
		f.profiles[p.name()] = l
		f.names = append(f.names, p.name())
	}
}

// readSetting reads n into l if it is a setting a level may hold, and
// reports whether it is one. profile is "" at the top level.
func (d *doc) readSetting(l *level, n node, profile string) bool {
	if isKeySetting(n.name()) {
		d.readKeySetting(l, n, profile)
		return true
	}
	s, ok := settingNamed(n.name())
	if !ok {
		return false
	}
	set, err := s.fromTOML(n.raw)
	if err != nil {
		d.errorf(n, "%s: %v", n.key, err)
		return true
	}
	l.sets = append(l.sets, set)
	if s.name == settingBaseURL {
		l.hostSource = settingSource(s.name, d.path, n.line, profile)
	}
	return true
}

// levelKeys are the keys the top level and every profile may set.
func levelKeys() []string {
	names := []string{settingAPIKey, settingAPIKeyEnv, settingAPIKeyCmd}
	for _, s := range settings {
		names = append(names, s.name)
	}
	return names
}

// doc is a parsed config file, with what it takes to say where each value
// was written.
type doc struct {
	path string
	md   toml.MetaData
	text []string // the file's lines: see elements
	ps   *problems
}

// node is one value of the file.
type node struct {
	key  toml.Key // full path, such as profiles.eu.interval
	raw  any      // as toml decodes into an any
	line int
	prim toml.Primitive
}

func (n node) name() string { return n.key[len(n.key)-1] }

func (d *doc) errorf(n node, format string, args ...any) {
	d.ps.add(d.path, n.line, format, args...)
}

func (d *doc) node(key toml.Key, p toml.Primitive) node {
	n := node{key: key, prim: p, line: d.lineOf(p)}
	if err := d.md.PrimitiveDecode(p, &n.raw); err != nil {
		// Decoding into an any accepts every TOML value.
		panic(fmt.Sprintf("config: decode %s: %v", key, err))
	}
	if _, isTable := n.raw.(map[string]any); isTable && n.line == 0 {
		// A table only implied by [profiles.eu] has no line of its own:
		// use the first line inside it.
		for _, c := range d.children(n) {
			if c.line > 0 && (n.line == 0 || c.line < n.line) {
				n.line = c.line
			}
		}
	}
	return n
}

// linePos brings out where a key was written. toml keeps key positions
// private but puts them in the ParseError of a failed decode, so a decode
// into linePos, which always fails, reads them.
type linePos struct{}

var errLinePos = errors.New("position wanted")

func (*linePos) UnmarshalTOML(any) error { return errLinePos }

func (d *doc) lineOf(p toml.Primitive) int {
	var pe toml.ParseError
	if err := d.md.PrimitiveDecode(p, &linePos{}); errors.As(err, &pe) {
		return pe.Position.Line
	}
	return 0
}

// table returns the entries of n, which must be a table (what names the
// expected shape for the error otherwise).
func (d *doc) table(n node, what string) ([]node, bool) {
	if _, ok := n.raw.(map[string]any); !ok {
		d.errorf(n, "%s: expected %s, got %s", n.key, what, describe(n.raw, false))
		return nil, false
	}
	return d.children(n), true
}

func (d *doc) children(n node) []node {
	var entries map[string]toml.Primitive
	if err := d.md.PrimitiveDecode(n.prim, &entries); err != nil {
		panic(fmt.Sprintf("config: decode table %s: %v", n.key, err))
	}
	return d.sorted(n.key, entries)
}

// sorted makes nodes of a table's entries, in the order they were written.
func (d *doc) sorted(parent toml.Key, entries map[string]toml.Primitive) []node {
	nodes := make([]node, 0, len(entries))
	for name, p := range entries {
		nodes = append(nodes, d.node(append(parent[:len(parent):len(parent)], name), p))
	}
	sort.Slice(nodes, func(i, j int) bool {
		if nodes[i].line != nodes[j].line {
			return nodes[i].line < nodes[j].line
		}
		return nodes[i].name() < nodes[j].name()
	})
	return nodes
}

// elements returns the tables of the array of tables n, each as its entries.
//
// toml records one position per key path, so every element of [[filters]]
// would share the last one's lines: instead the lines come from the text,
// the header of each element and the first line in it that sets the key.
// An array written inline (filters = [{...}]) has no headers; its entries
// all get the line of filters itself.
func (d *doc) elements(n node) (elems [][]node, lines []int) {
	var tables []map[string]toml.Primitive
	if err := d.md.PrimitiveDecode(n.prim, &tables); err != nil {
		panic(fmt.Sprintf("config: decode array of tables %s: %v", n.key, err))
	}
	headers := d.headerLines(n.name())
	if len(headers) != len(tables) {
		headers = make([]int, len(tables))
		for i := range headers {
			headers[i] = n.line
		}
	}
	for i, t := range tables {
		end := len(d.text) + 1
		if i+1 < len(headers) && headers[i+1] > headers[i] {
			end = headers[i+1]
		}
		var entries []node
		for name, p := range t {
			e := d.node(toml.Key{n.name(), name}, p)
			e.line = d.keyLine(name, headers[i], end)
			entries = append(entries, e)
		}
		sort.Slice(entries, func(a, b int) bool {
			if entries[a].line != entries[b].line {
				return entries[a].line < entries[b].line
			}
			return entries[a].name() < entries[b].name()
		})
		elems = append(elems, entries)
	}
	return elems, headers
}

// headerLines finds the lines of the [[name]] headers.
func (d *doc) headerLines(name string) []int {
	re := regexp.MustCompile(`^\s*\[\[\s*("?)` + regexp.QuoteMeta(name) + `("?)\s*\]\]`)
	var lines []int
	for i, l := range d.text {
		if re.MatchString(l) {
			lines = append(lines, i+1)
		}
	}
	return lines
}

// keyLine finds the line setting key after line from and before line end,
// or returns from.
func (d *doc) keyLine(key string, from, end int) int {
	re := regexp.MustCompile(`^\s*("?)` + regexp.QuoteMeta(key) + `("?)\s*=`)
	for l := from + 1; l < end && l <= len(d.text); l++ {
		if re.MatchString(d.text[l-1]) {
			return l
		}
	}
	return from
}
