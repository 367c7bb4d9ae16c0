package api

// Constructors for the errors whose text TiCDC fixes (pkg/errors), so that
// a cdcctl server words them as TiCDC does.

// ErrNotExists says the changefeed does not exist.
func ErrNotExists(id ChangefeedID) *Error {
	return Errorf(CodeChangeFeedNotExists, "changefeed not exists, %s", id)
}

// ErrAlreadyExists says a changefeed with this ID exists (TiCDC answers 500).
func ErrAlreadyExists(id ChangefeedID) *Error {
	return Errorf(CodeChangeFeedAlreadyExists, "changefeed already exists, %s", id.ID)
}

// ErrInvalidParam is a bad request parameter or body.
func ErrInvalidParam(format string, args ...any) *Error {
	return Errorf(CodeAPIInvalidParam, format, args...)
}

// ErrSinkURIInvalid says the sink URI is invalid; detail must not hold a
// secret (use sinkuri.MaskForError on URIs).
func ErrSinkURIInvalid(detail string) *Error {
	return Errorf(CodeSinkURIInvalid, "sink uri invalid '%s'", detail)
}

// ErrUpdateRefused says an update is not allowed, e.g. on a running
// changefeed.
func ErrUpdateRefused(detail string) *Error {
	return Errorf(CodeChangefeedUpdateRefused, "changefeed update error: %s", detail)
}

// ErrUpdateRunning is TiCDC's refusal to update a changefeed that is not
// stopped or failed.
func ErrUpdateRunning() *Error {
	return ErrUpdateRefused("can only update changefeed config when it is stopped or failed")
}

// ErrTargetTsBeforeStartTs says target-ts is not after start-ts.
func ErrTargetTsBeforeStartTs(target, start uint64) *Error {
	return Errorf(CodeTargetTsBeforeStartTs,
		"fail to create changefeed because target-ts %d is earlier than start-ts %d", target, start)
}

// ErrServerNotReady answers 503 while the server starts.
func ErrServerNotReady() *Error {
	return Errorf(CodeServerIsNotReady, "cdc server is not ready")
}

// ErrClusterUnhealthy answers GET /health when the server is not healthy.
func ErrClusterUnhealthy() *Error {
	return Errorf(CodeClusterIsUnhealthy, "TiCDC cluster is unhealthy")
}
