package shared

import (
	"errors"
	"fmt"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
)

// isInputCode reports whether code marks a request that was wrong (exit
// 2): the server changed nothing and the user must change the command.
func isInputCode(code api.Code) bool {
	switch code {
	case api.CodeAPIInvalidParam, api.CodeSinkURIInvalid, api.CodeSinkInvalidConfig,
		api.CodeChangeFeedAlreadyExists, api.CodeChangefeedUpdateRefused, api.CodeStartTsBeforeGC,
		api.CodeTargetTsBeforeStartTs, api.CodeTableIneligible, api.CodeFilterRuleInvalid,
		api.CodeMySQLInvalidConfig, api.CodeInvalidChangefeedID, api.CodeInvalidNamespace,
		api.CodeCliInvalidCheckpointTs, api.CodeCliCheckpointTsIsInFuture,
		"CDC:ErrCodecInvalidConfig", "CDC:ErrKafkaInvalidConfig", "CDC:ErrSinkUnknownProtocol":
		return true
	}
	return false
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
	case isInputCode(code):
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
