package snapshot

import "time"

// timestampText renders microseconds since the epoch as UTC TIMESTAMP text.
func timestampText(us int64) string {
	if us == 0 {
		return "0000-00-00 00:00:00"
	}
	return time.UnixMicro(us).UTC().Format("2006-01-02 15:04:05.999999")
}
