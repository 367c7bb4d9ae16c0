package api

import (
	"errors"
	"fmt"
	"strings"
)

// Code is a TiCDC error code, "CDC:Err…", carried in error_code.
type Code string

// Error codes the changefeed API uses (TiCDC's pkg/errors names).
const (
	CodeChangeFeedNotExists        Code = "CDC:ErrChangeFeedNotExists"
	CodeChangeFeedAlreadyExists    Code = "CDC:ErrChangeFeedAlreadyExists"
	CodeAPIInvalidParam            Code = "CDC:ErrAPIInvalidParam"
	CodeSinkURIInvalid             Code = "CDC:ErrSinkURIInvalid"
	CodeSinkInvalidConfig          Code = "CDC:ErrSinkInvalidConfig"
	CodeStartTsBeforeGC            Code = "CDC:ErrStartTsBeforeGC"
	CodeTargetTsBeforeStartTs      Code = "CDC:ErrTargetTsBeforeStartTs"
	CodeTableIneligible            Code = "CDC:ErrTableIneligible"
	CodeFilterRuleInvalid          Code = "CDC:ErrFilterRuleInvalid"
	CodeChangefeedUpdateRefused    Code = "CDC:ErrChangefeedUpdateRefused"
	CodeMySQLConnectionError       Code = "CDC:ErrMySQLConnectionError"
	CodeMySQLInvalidConfig         Code = "CDC:ErrMySQLInvalidConfig"
	CodeCaptureNotExist            Code = "CDC:ErrCaptureNotExist"
	CodeSchedulerRequestFailed     Code = "CDC:ErrSchedulerRequestFailed"
	CodeServerIsNotReady           Code = "CDC:ErrServerIsNotReady"
	CodeClusterIsUnhealthy         Code = "CDC:ErrClusterIsUnhealthy"
	CodeUnauthorized               Code = "CDC:ErrUnauthorized"
	CodeCredentialNotFound         Code = "CDC:ErrCredentialNotFound"
	CodeInternalServerError        Code = "CDC:ErrInternalServerError"
	CodeInvalidChangefeedID        Code = "CDC:ErrInvalidChangefeedID"
	CodeInvalidNamespace           Code = "CDC:ErrInvalidNamespace"
	CodeChangeFeedDeletionUnfinish Code = "CDC:ErrChangeFeedDeletionUnfinished"
	CodeCliAborted                 Code = "CDC:ErrCliAborted"
	CodeCliInvalidCheckpointTs     Code = "CDC:ErrCliInvalidCheckpointTs"
	CodeCliCheckpointTsIsInFuture  Code = "CDC:ErrCliCheckpointTsIsInFuture"
)

// HTTP statuses the API answers errors with (no net/http in this package).
const (
	StatusBadRequest         = 400
	StatusUnauthorized       = 401
	StatusInternalError      = 500
	StatusServiceUnavailable = 503
)

// badRequestCodes answer 400; every other code answers 500, except the
// auth (401) and readiness (503) codes (spec §5.5).
func badRequestCodes() [12]Code {
	return [...]Code{
		CodeAPIInvalidParam, CodeSinkURIInvalid, CodeStartTsBeforeGC,
		CodeChangeFeedNotExists, CodeTargetTsBeforeStartTs, CodeTableIneligible,
		CodeFilterRuleInvalid, CodeChangefeedUpdateRefused, CodeMySQLConnectionError,
		CodeMySQLInvalidConfig, CodeCaptureNotExist, CodeSchedulerRequestFailed,
	}
}

// ErrorBody is TiCDC's error response: {"error_msg","error_code"}.
type ErrorBody struct {
	Message string `json:"error_msg"`
	Code    Code   `json:"error_code"`
}

// Error is an API error with its TiCDC code. Message is the whole error_msg,
// which by TiCDC's convention starts with "[<code>]". HTTPStatus is the
// status it came with (client side) or should go with (0: derived from the
// code, see Status).
type Error struct {
	Code       Code
	Message    string
	HTTPStatus int
}

// Errorf returns an error with code whose message is "[code]" and the
// formatted text, TiCDC's format.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: "[" + string(code) + "]" + fmt.Sprintf(format, args...)}
}

// Error returns the message, prefixed with "[code]" when the message does
// not already name the code.
func (e *Error) Error() string {
	if e.Code != "" && !strings.Contains(e.Message, string(e.Code)) {
		return "[" + string(e.Code) + "]" + e.Message
	}
	return e.Message
}

// Status is the HTTP status of e: HTTPStatus when set, else by code.
func (e *Error) Status() int {
	if e.HTTPStatus != 0 {
		return e.HTTPStatus
	}
	return statusOfCode(e.Code, e.Message)
}

// Is reports whether target is an *Error with the same code, so that
// errors.Is(err, &api.Error{Code: api.CodeChangeFeedNotExists}) works.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code != "" && t.Code == e.Code
}

// Body returns the JSON body of e.
func (e *Error) Body() ErrorBody { return ErrorBody{Message: e.Error(), Code: e.Code} }

// ErrorOf returns the *Error in err's chain, or nil.
func ErrorOf(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// CodeOf returns the code of the *Error in err's chain, or "" when none.
func CodeOf(err error) Code {
	if e := ErrorOf(err); e != nil {
		return e.Code
	}
	return ""
}

// HasCode reports whether err carries code.
func HasCode(err error, code Code) bool { return err != nil && CodeOf(err) == code }

// StatusOf maps any error to the HTTP status TiCDC would answer: an
// *Error's status, else 400 when the text names one of the bad-request
// codes, else 500.
func StatusOf(err error) int {
	if e := ErrorOf(err); e != nil {
		if e.HTTPStatus != 0 {
			return e.HTTPStatus
		}
		return statusOfCode(e.Code, err.Error())
	}
	return statusOfCode("", err.Error())
}

func statusOfCode(code Code, text string) int {
	switch code {
	case CodeServerIsNotReady:
		return StatusServiceUnavailable
	case CodeUnauthorized, CodeCredentialNotFound:
		return StatusUnauthorized
	}
	for _, c := range badRequestCodes() {
		if code == c || strings.Contains(text, string(c)) {
			return StatusBadRequest
		}
	}
	return StatusInternalError
}

// BodyOf returns the error body for any error: an *Error keeps its code,
// anything else gets CodeInternalServerError and its own text.
func BodyOf(err error) ErrorBody {
	if e := ErrorOf(err); e != nil {
		return ErrorBody{Message: err.Error(), Code: e.Code}
	}
	return ErrorBody{Message: err.Error(), Code: CodeInternalServerError}
}
