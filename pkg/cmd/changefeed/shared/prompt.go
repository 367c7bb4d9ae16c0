package shared

import (
	"bufio"
	"fmt"
	"strings"
	"time"

	"github.com/cdcctl/cdcctl/pkg/api"
	"github.com/cdcctl/cdcctl/pkg/cmd/cmderr"
	"github.com/cdcctl/cdcctl/pkg/iostreams"
)

// Confirm asks question on stderr and reads Y/N from stdin, as TiCDC's
// prompts do. It never blocks off a terminal: when stdin is not one it
// fails with reason and tells the user to pass --no-confirm.
func Confirm(ios *iostreams.IOStreams, question, reason string) (bool, error) {
	if !ios.IsStdinTTY() {
		return false, cmderr.InvalidInput(fmt.Errorf("%s; stdin is not a terminal, so cdcctl cannot ask: pass --no-confirm to go ahead", reason))
	}
	fmt.Fprintln(ios.ErrOut, question)
	line, err := bufio.NewReader(ios.In).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintf(ios.ErrOut, "Received invalid input: %v, abort the command.\n", err)
		return false, nil
	}
	return strings.EqualFold(strings.TrimSpace(line), "y"), nil
}

// LagWarning is TiCDC's threshold for asking before replicating from far
// back (create, resume).
const LagWarning = 24 * time.Hour

// ConfirmLag asks before starting from a checkpoint more than a day old,
// as TiCDC does; command is "create" or "resume".
func ConfirmLag(ios *iostreams.IOStreams, now time.Time, ts uint64, command string) error {
	lag := now.Sub(api.TSOTime(ts)).Truncate(time.Millisecond)
	if lag <= LagWarning {
		return nil
	}
	ok, err := Confirm(ios,
		fmt.Sprintf("Replicate lag (%s) is larger than 1 days, large data may cause OOM, confirm to continue at your own risk [Y/N]", lag),
		fmt.Sprintf("replicate lag (%s) is larger than 1 day", lag))
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintf(ios.ErrOut, "Abort changefeed %s.\n", command)
		return &AbortError{Command: "cli changefeed " + command}
	}
	return nil
}
