// Package converge runs a resource's create so that a transient fault
// converges in one apply (atlas.CreateConverging), and words its outcome the
// same way for every resource type; and it reads the answer to a deployment's
// DELETE the same way for flex clusters and serverless instances.
package converge

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// Object names what a create makes, for its diagnostics.
type Object struct {
	Kind  string // "flex cluster"
	Name  string
	Where string // "in project 5f...", or ""
	// Service is where a user checks by hand: "Atlas" when empty.
	Service string
	// Import is the command that brings an existing object of that name
	// under Terraform, e.g. "terraform import mongodbatlas_flex_cluster.<name> <id>".
	Import string
	// Summary replaces the failure's title, "Creating <kind> <name> <where>
	// failed", for a create that is part of another operation.
	Summary string
}

// Conflict is a look-up's answer that an object of that name exists but is
// not the one the create asked for (e.g. it is in another organization), so
// it must not be adopted. Its text is shown as the reason.
type Conflict struct{ Reason string }

func (c *Conflict) Error() string { return c.Reason }

// Create sends the create through atlas.CreateConverging. It returns the
// object and whether it was adopted (found after a lost answer) rather than
// confirmed; ok is false when diags hold the error. refused explains Atlas's
// refusal of the request (a 4xx) in the resource's own terms, under summary.
func Create[T any](ctx context.Context, c *atlas.Client, obj Object, steps atlas.CreateSteps[T], refused func(summary string, err error, diags *diag.Diagnostics), diags *diag.Diagnostics) (created T, adopted bool, ok bool) {
	var zero T
	got, result, err := atlas.CreateConverging(ctx, c, steps)
	if err == nil {
		if result.Adopted {
			diags.AddWarning(fmt.Sprintf("Adopted %s %q after a lost response", obj.Kind, obj.Name),
				fmt.Sprintf("The answer to the create request was lost (%s), but the %s exists, so it was adopted instead of being created twice.",
					result.LostErr, obj.Kind))
		}
		return got, result.Adopted, true
	}

	summary := obj.Summary
	if summary == "" {
		summary = fmt.Sprintf("Creating %s %q%s failed", obj.Kind, obj.Name, prefixed(obj.Where))
	}
	var unsettled *atlas.CreateUnsettledError
	if !errors.As(err, &unsettled) {
		refused(summary, err, diags)
		return zero, false, false
	}
	service := obj.Service
	if service == "" {
		service = "Atlas"
	}
	var conflict *Conflict
	switch {
	case errors.As(unsettled.LookupErr, &conflict):
		diags.AddError(summary, fmt.Sprintf("%s\n\n%s", unsettled.PostErr, conflict.Reason))
	case unsettled.LookupErr != nil:
		diags.AddError(summary, fmt.Sprintf("%s\n\nLooking the %s up by name also failed (%s), so whether it was created is unknown. "+
			"Check in %s whether %s %q exists%s before applying again; if it does, import it with: %s",
			unsettled.PostErr, obj.Kind, unsettled.LookupErr, service, obj.Kind, obj.Name, prefixed(obj.Where), obj.Import))
	default:
		diags.AddError(summary, fmt.Sprintf("%s\n\nThe create was sent %d times, and after each attempt no %s named %q existed, so nothing was created. "+
			"Apply again once %s answers.", unsettled.PostErr, unsettled.Attempts, obj.Kind, obj.Name, service))
	}
	return zero, false, false
}

func prefixed(s string) string {
	if s == "" {
		return ""
	}
	return " " + s
}

// DeleteAnswer reads Atlas's answer to the DELETE of a deployment (a flex
// cluster, a serverless instance; kind is the word for it in the message):
// wait is true when the deletion is under way, accepted now or by an earlier
// attempt whose answer was lost. Otherwise the deployment is already gone, or
// diags hold the refusal under summary.
func DeleteAnswer(err error, kind, summary string, diags *diag.Diagnostics) (wait bool) {
	switch {
	case err == nil:
		return true
	case atlas.IsNotFound(err) && !atlas.IsEndpointGone(err):
		return false
	case atlas.HasErrorCode(err, "CLUSTER_ALREADY_REQUESTED_DELETION"):
		return true
	case atlas.IsTerminationProtectionError(err):
		diags.AddError(summary, fmt.Sprintf("Atlas refused because termination protection is enabled on the %s (%s). "+
			"Set termination_protection_enabled = false and apply, then destroy.", kind, err))
	default:
		diags.AddError(summary, atlas.WithHint(err))
	}
	return false
}
