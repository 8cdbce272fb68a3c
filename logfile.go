package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
)

// openLog opens the debug log of --log-file for appending, readable by the
// user alone, and returns the function the API client logs through. With
// no path it returns nil (no logging) and a no-op closer.
func openLog(path string) (logf func(string, ...any), closeLog func() error, err error) {
	if path == "" {
		return nil, func() error { return nil }, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, fmt.Errorf("create the log file's folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open the log file: %w", err)
	}
	logger := newLogger(f)
	logger.Printf("superdash %s started", version())
	return logger.Printf, f.Close, nil
}

func newLogger(w io.Writer) *log.Logger {
	return log.New(w, "", log.LstdFlags|log.Lmicroseconds|log.LUTC)
}
