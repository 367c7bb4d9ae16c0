package shared

import (
	"errors"
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
)

// inputCodes are the codes of requests that were wrong (exit 2): the
// server changed nothing and the user must change the command.
var inputCodes = map[api.Code]bool{
	api.CodeAPIInvalidParam:           true,
	api.CodeSinkURIInvalid:            true,
	api.CodeSinkInvalidConfig:         true,
	api.CodeChangeFeedAlreadyExists:   true,
	api.CodeChangefeedUpdateRefused:   true,
	api.CodeStartTsBeforeGC:           true,
	api.CodeTargetTsBeforeStartTs:     true,
	api.CodeTableIneligible:           true,
	api.CodeFilterRuleInvalid:         true,
	api.CodeMySQLInvalidConfig:        true,
	api.CodeInvalidChangefeedID:       true,
	api.CodeInvalidNamespace:          true,
	api.CodeCliInvalidCheckpointTs:    true,
	api.CodeCliCheckpointTsIsInFuture: true,
	"CDC:ErrCodecInvalidConfig":       true,
	"CDC:ErrKafkaInvalidConfig":       true,
	"CDC:ErrSinkUnknownProtocol":      true,
}

// CommandError classifies an API error for the exit code: an unknown
// changefeed is not found (3), a refused request is bad input (2), the
// rest fail (1). The message is kept: "[CDC:Err…]…" as TiCDC prints it.
func CommandError(err error) error {
	if err == nil {
		return nil
	}
	switch code := api.CodeOf(err); {
	case code == api.CodeChangeFeedNotExists:
		return cmderr.NotFound(err)
	case inputCodes[code]:
		return cmderr.InvalidInput(err)
	}
	return err
}

// AbortError is returned when the user answers no to a prompt; it exits
// as cancelled (4) with TiCDC's message.
type AbortError struct{ Command string }

func (e *AbortError) Error() string {
	return fmt.Sprintf("[%s]command '%s' is aborted by user", api.CodeCliAborted, e.Command)
}

// Is makes errors.Is(err, cmderr.ErrCancelled) true.
func (e *AbortError) Is(target error) bool { return target == cmderr.ErrCancelled }

// IsAbort reports whether err is an *AbortError.
func IsAbort(err error) bool {
	var a *AbortError
	return errors.As(err, &a)
}
