package api

import (
	"compress/gzip"
	"io"
	"net/http"
	"strings"

	"github.com/go-resty/resty/v2"
)

// readBody reads a response body whole and closes it. When the server says
// how long the body is (Content-Length), it is read into one buffer of
// exactly that size: resty's own reading grows its buffer by doubling from
// 512 bytes, which for a 340 KB page of jobs allocates about twice the page
// and copies it a dozen times. The buffer is not reused from one response
// to the next: a page's jobs keep slices of it (model.ReadJob), so it
// becomes their memory. A body over limit is refused with
// resty.ErrResponseBodyTooLarge, before it is read when its length is known.
//
// A gzip body the transport did not decompress itself (the server sent it
// unasked) is decompressed, as resty did.
func readBody(resp *http.Response, limit int64) ([]byte, error) {
	defer resp.Body.Close()
	var body io.Reader = resp.Body
	size := resp.ContentLength
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") && size != 0 {
		gz, err := gzip.NewReader(body)
		if err != nil {
			return nil, err
		}
		defer gz.Close()
		body, size = gz, -1
	}
	if size > limit {
		return nil, resty.ErrResponseBodyTooLarge
	}
	if size >= 0 {
		buf := make([]byte, size)
		if _, err := io.ReadFull(body, buf); err != nil {
			return nil, err
		}
		return buf, nil
	}
	buf, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(buf)) > limit {
		return nil, resty.ErrResponseBodyTooLarge
	}
	return buf, nil
}
