package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// maxFileSize bounds the files superdash reads its settings from: its
// config file and the CLI's secrets and .env. Real ones are a few KB.
const maxFileSize = 1 << 20

// readSmallFile reads the regular file at path, refusing anything else: a
// device (/dev/zero never ends), a named pipe (reading it waits for a
// writer forever), or a file over maxFileSize. The null device reads as
// empty. Its errors are *fs.PathError, so callers can word them as for a
// missing file.
func readSmallFile(path string) ([]byte, error) {
	if path == os.DevNull {
		return nil, nil // "no settings", as `--config /dev/null` is meant
	}
	// Non-blocking, so that opening a named pipe with no writer returns
	// at once instead of waiting; it makes no difference to a regular file.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if reason := notReadable(info); reason != nil {
		return nil, &fs.PathError{Op: "read", Path: path, Err: reason}
	}
	// The size can change after Stat: read one byte past the limit to see.
	data, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, &fs.PathError{Op: "read", Path: path, Err: errTooBig}
	}
	return data, nil
}

var errTooBig = fmt.Errorf("is larger than %d MB, which no settings file needs", maxFileSize>>20)

// notReadable says why a file of this kind is not read, or nil if it is.
func notReadable(info fs.FileInfo) error {
	mode := info.Mode()
	switch {
	case mode.IsDir():
		return syscall.EISDIR
	case mode&fs.ModeNamedPipe != 0:
		return errors.New("is a named pipe, not a regular file")
	case mode&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return errors.New("is a device, not a regular file")
	case !mode.IsRegular():
		return errors.New("is not a regular file")
	case info.Size() > maxFileSize:
		return errTooBig
	}
	return nil
}
