package engine

import (
	"context"
	"errors"

	"github.com/cdcctl/cdcctl/pkg/codec/avro"
	"github.com/cdcctl/cdcctl/pkg/registry"
	"github.com/cdcctl/cdcctl/pkg/sink/kafka"
	"github.com/cdcctl/cdcctl/pkg/source/binlog"
)

// Error codes, TiCDC's where TiCDC has one.
const (
	CodeNotExists        = "CDC:ErrChangeFeedNotExists"
	CodeAlreadyExists    = "CDC:ErrChangeFeedAlreadyExists"
	CodeInvalidID        = "CDC:ErrAPIInvalidParam"
	CodeSinkURIInvalid   = "CDC:ErrSinkURIInvalid"
	CodeInvalidConfig    = "CDC:ErrSinkInvalidConfig"
	CodeUpdateRefused    = "CDC:ErrChangefeedUpdateRefused"
	CodeUpstream         = "CDC:ErrUpstreamNotReady"
	CodeKafka            = "CDC:ErrKafkaSendMessage"
	CodeMessageTooLarge  = "CDC:ErrMessageTooLarge"
	CodeRegistry         = "CDC:ErrAvroSchemaAPIError"
	CodeEncode           = "CDC:ErrAvroEncodeFailed"
	CodeSource           = "CDC:ErrReaderFailed"
	CodeSchema           = "CDC:ErrSchemaStorage"
	CodeInternal         = "CDC:ErrInternal"
	CodeServerNotRunning = "CDC:ErrServerIsNotReady"
)

// InputError is a bad request: a bad ID, sink URI, config or upstream, or
// an action the changefeed's state does not allow. Nothing was changed.
type InputError struct {
	Code string
	Err  error
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func inputErr(code string, err error) error { return &InputError{Code: code, Err: err} }

// NotFoundError says the changefeed does not exist.
type NotFoundError struct{ ID string }

func (e *NotFoundError) Error() string { return "changefeed " + e.ID + " does not exist" }

// classify says what a run's error means: its code and whether retrying
// can help (TiCDC retries most errors; the ones that are the data's or
// the configuration's fault fail the changefeed).
func classify(err error) (code string, retryable bool) {
	var (
		tooLarge *kafka.MessageTooLargeError
		regErr   *registry.Error
		valErr   *avro.ValueError
		input    *InputError
		se       *stageError
	)
	switch {
	case errors.As(err, &tooLarge):
		return CodeMessageTooLarge, false
	case errors.As(err, &regErr):
		return CodeRegistry, regErr.Status >= 500 || regErr.Status == 0
	case errors.As(err, &valErr):
		return CodeEncode, false
	case errors.As(err, &input):
		return input.Code, false
	case errors.Is(err, context.DeadlineExceeded):
		return CodeInternal, true
	}
	if errors.As(err, &se) {
		switch se.stage {
		case "write":
			return CodeKafka, kafka.IsRetryable(err)
		case "read":
			return CodeSource, !isSchemaError(err)
		case "encode":
			if errors.Is(err, errTopicMetadata) {
				return CodeKafka, kafka.IsRetryable(err) || !errors.Is(err, kafka.ErrTopicNotFound)
			}
			return CodeEncode, true // registry network errors
		}
	}
	return CodeInternal, true
}

func isSchemaError(err error) bool { return errors.Is(err, binlog.ErrSchema) }
