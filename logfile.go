package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
)

// debugLog is the debug log of --log-file. Without a file it is a logger
// to nowhere, so its users need not ask whether there is one.
type debugLog struct {
	*log.Logger
	close func() error
}

// Close closes the log's file, if it has one.
func (d debugLog) Close() error { return d.close() }

// openLog opens the debug log of --log-file for appending, readable by the
// user alone. With no path the log discards what it is given.
func openLog(path string) (debugLog, error) {
	if path == "" {
		return debugLog{Logger: newLogger(io.Discard), close: func() error { return nil }}, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return debugLog{}, fmt.Errorf("create the log file's folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return debugLog{}, fmt.Errorf("open the log file: %w", err)
	}
	logger := newLogger(f)
	logger.Printf("superdash %s started", version())
	return debugLog{Logger: logger, close: f.Close}, nil
}

const logFlags = log.LstdFlags | log.Lmicroseconds | log.LUTC

func newLogger(w io.Writer) *log.Logger { return log.New(w, "", logFlags) }

// redirectStdLog sends the standard logger to w, as the debug log writes,
// until the returned function puts it back as it was. Libraries log
// through it to stderr behind the dashboard's back (net/http does, for an
// unsolicited response on an idle connection), and on a terminal Bubble
// Tea draws on, such a line tears the screen.
func redirectStdLog(w io.Writer) (restore func()) {
	out, flags, prefix := log.Writer(), log.Flags(), log.Prefix()
	log.SetOutput(w)
	log.SetFlags(logFlags)
	log.SetPrefix("")
	return func() {
		log.SetOutput(out)
		log.SetFlags(flags)
		log.SetPrefix(prefix)
	}
}
