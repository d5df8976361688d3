package atlas

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// CreateSteps are the resource-specific halves of a create that converges:
// the POST, and the look-up by name that tells whether an earlier POST
// landed.
type CreateSteps[T any] struct {
	// Post sends the create request once.
	Post func(ctx context.Context) (T, error)
	// Find looks the object up by the name the POST gave it. It returns
	// found == false when there is no such object (not an error).
	Find func(ctx context.Context) (obj T, found bool, err error)
	// DuplicateCodes are the error codes Atlas answers a POST with when an
	// object with that name already exists.
	DuplicateCodes []string
}

// CreateResult says how a converging create ended.
type CreateResult struct {
	// Attempts is the number of POSTs sent.
	Attempts int
	// Adopted is true when the object was found after an attempt whose
	// answer was lost (or answered by a duplicate-name error on a repeat),
	// instead of being confirmed by a successful answer.
	Adopted bool
	// LostErr is the error of the attempt whose outcome was unknown, when
	// Adopted is true.
	LostErr error
}

// CreateUnsettledError is returned when a create's outcome stayed unknown:
// the look-up failed, or every attempt the retry policy allows failed
// without creating anything.
type CreateUnsettledError struct {
	PostErr   error // the last POST's error
	LookupErr error // nil when the look-up worked and found nothing
	Attempts  int
}

func (e *CreateUnsettledError) Error() string {
	if e.LookupErr != nil {
		return fmt.Sprintf("%s; looking it up by name also failed: %s", e.PostErr, e.LookupErr)
	}
	return fmt.Sprintf("%s (after %d attempts, nothing was created)", e.PostErr, e.Attempts)
}

func (e *CreateUnsettledError) Unwrap() error { return e.PostErr }

// CreateConverging sends a create whose answer may be lost, and converges.
//
// A POST is never repeated blindly, because it may have reached Atlas: when
// its outcome is unknown (a 5xx, or the connection failed after the request
// may have been sent), the object is looked up by name. Found, it is adopted.
// Not found, nothing was created, so the POST is sent again, after the retry
// policy's backoff and within its budget and ctx's deadline. A repeat
// answered with a duplicate-name error means an earlier attempt landed after
// all: the object is looked up again and adopted.
//
// Atlas's refusal of the first attempt (a 4xx) is returned as it is, so that
// the caller can explain it. The outcome stays unknown, and a
// *CreateUnsettledError is returned, when the look-up fails or the budget is
// spent.
func CreateConverging[T any](ctx context.Context, c *Client, steps CreateSteps[T]) (T, CreateResult, error) {
	var zero T
	var result CreateResult
	var lost error
	for attempt := 1; ; attempt++ {
		result.Attempts = attempt
		obj, err := steps.Post(ctx)
		if err == nil {
			return obj, result, nil
		}
		if lost != nil && HasErrorCode(err, steps.DuplicateCodes...) {
			// An earlier attempt landed although the look-up missed it.
			return adoptFound(ctx, steps, result, lost)
		}
		if !CreateOutcomeUnknown(err) {
			return zero, result, err
		}
		lost = err
		tflog.Warn(ctx, "create outcome unknown; looking the object up by name", map[string]any{"attempt": attempt, "error": err.Error()})
		found, ok, findErr := steps.Find(ctx)
		switch {
		case findErr != nil:
			return zero, result, &CreateUnsettledError{PostErr: err, LookupErr: findErr, Attempts: attempt}
		case ok:
			result.Adopted, result.LostErr = true, err
			return found, result, nil
		}
		if waitErr := c.pauseBeforeResend(ctx, attempt); waitErr != nil {
			return zero, result, &CreateUnsettledError{PostErr: err, Attempts: attempt}
		}
		tflog.Info(ctx, "nothing was created; sending the create again", map[string]any{"attempt": attempt + 1})
	}
}

func adoptFound[T any](ctx context.Context, steps CreateSteps[T], result CreateResult, lost error) (T, CreateResult, error) {
	var zero T
	found, ok, err := steps.Find(ctx)
	if err == nil && !ok {
		err = errors.New("Atlas reported that the name is taken, but the object is not there")
	}
	if err != nil {
		return zero, result, &CreateUnsettledError{PostErr: lost, LookupErr: err, Attempts: result.Attempts}
	}
	result.Adopted, result.LostErr = true, lost
	return found, result, nil
}

// CreateOutcomeUnknown reports whether a create that failed with err may
// nevertheless have been applied: Atlas answered 5xx, or the connection
// failed at a point where the request may have reached it. A connection
// refused, an unknown host, an untrusted certificate, a server that does not
// speak TLS, or an answer that is not the API's are not: the request never
// reached the API, and looking the object up would only repeat the failure.
func CreateOutcomeUnknown(err error) bool {
	if apiErr, ok := AsError(err); ok {
		return apiErr.Status >= 500
	}
	var baseErr *BaseURLError
	if errors.As(err, &baseErr) {
		switch baseErr.Kind {
		case ProblemRefused, ProblemDNS, ProblemConnectTimeout, ProblemCertificate, ProblemNotTLS, ProblemHTML:
			return false
		}
	}
	return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
}

// pauseBeforeResend waits the retry policy's backoff before attempt+1 of a
// create that certainly created nothing. It fails when the policy's budget is
// spent or the wait would outlast ctx's deadline.
func (c *Client) pauseBeforeResend(ctx context.Context, attempt int) error {
	if attempt > c.retry.policy.MaxRetries {
		return errors.New("retry budget spent")
	}
	wait := c.retry.backoff(attempt)
	if !fitsDeadline(ctx, wait) {
		return context.DeadlineExceeded
	}
	return c.retry.policy.Sleep(ctx, wait)
}

// Found adapts a Get call to CreateSteps.Find: a 404 means "not there", not
// an error.
func Found[T any](obj T, err error) (T, bool, error) {
	if IsNotFound(err) {
		var zero T
		return zero, false, nil
	}
	return obj, err == nil, err
}
