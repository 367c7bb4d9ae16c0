package api

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorMessageAndStatus(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantMsg    string
		wantStatus int
		wantCode   Code
	}{
		{"not exists is 400", ErrNotExists(ChangefeedID{"default", "x"}),
			"[CDC:ErrChangeFeedNotExists]changefeed not exists, default/x", 400, CodeChangeFeedNotExists},
		{"already exists is 500 as in TiCDC", ErrAlreadyExists(ChangefeedID{"default", "x"}),
			"[CDC:ErrChangeFeedAlreadyExists]changefeed already exists, x", 500, CodeChangeFeedAlreadyExists},
		{"invalid param", ErrInvalidParam("invalid changefeed_id: %s", "a_b"),
			"[CDC:ErrAPIInvalidParam]invalid changefeed_id: a_b", 400, CodeAPIInvalidParam},
		{"update refused", ErrUpdateRunning(),
			"[CDC:ErrChangefeedUpdateRefused]changefeed update error: can only update changefeed config when it is stopped or failed", 400, CodeChangefeedUpdateRefused},
		{"not ready is 503", ErrServerNotReady(), "[CDC:ErrServerIsNotReady]cdc server is not ready", 503, CodeServerIsNotReady},
		{"unauthorized is 401", Errorf(CodeUnauthorized, "bad token"), "[CDC:ErrUnauthorized]bad token", 401, CodeUnauthorized},
		{"wrapped keeps code and status", fmt.Errorf("create: %w", ErrSinkURIInvalid("x")),
			"create: [CDC:ErrSinkURIInvalid]sink uri invalid 'x'", 400, CodeSinkURIInvalid},
		{"code named in the text of a plain error is 400", errors.New("wrapped [CDC:ErrFilterRuleInvalid]bad"),
			"wrapped [CDC:ErrFilterRuleInvalid]bad", 400, ""},
		{"plain error is 500", errors.New("boom"), "boom", 500, ""},
		{"explicit status wins", &Error{Code: CodeChangeFeedNotExists, Message: "m", HTTPStatus: 404},
			"[CDC:ErrChangeFeedNotExists]m", 404, CodeChangeFeedNotExists},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.wantMsg {
				t.Errorf("Error() = %q, want %q", got, tt.wantMsg)
			}
			if got := StatusOf(tt.err); got != tt.wantStatus {
				t.Errorf("StatusOf = %d, want %d", got, tt.wantStatus)
			}
			if got := CodeOf(tt.err); got != tt.wantCode {
				t.Errorf("CodeOf = %q, want %q", got, tt.wantCode)
			}
		})
	}
}

func TestBodyOf(t *testing.T) {
	b := BodyOf(fmt.Errorf("ctx: %w", ErrNotExists(ChangefeedID{"ns", "a"})))
	if b.Code != CodeChangeFeedNotExists || b.Message != "ctx: [CDC:ErrChangeFeedNotExists]changefeed not exists, ns/a" {
		t.Errorf("body = %+v", b)
	}
	b = BodyOf(errors.New("disk full"))
	if b.Code != CodeInternalServerError || b.Message != "disk full" {
		t.Errorf("body = %+v", b)
	}
}

func TestErrorIsByCode(t *testing.T) {
	err := fmt.Errorf("get: %w", ErrNotExists(ChangefeedID{"default", "x"}))
	if !errors.Is(err, &Error{Code: CodeChangeFeedNotExists}) {
		t.Error("errors.Is by code = false")
	}
	if errors.Is(err, &Error{Code: CodeAPIInvalidParam}) {
		t.Error("errors.Is matched another code")
	}
	if !HasCode(err, CodeChangeFeedNotExists) || HasCode(nil, CodeChangeFeedNotExists) {
		t.Error("HasCode wrong")
	}
}
