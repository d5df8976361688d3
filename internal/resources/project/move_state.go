package project

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/resources/movestate"
)

var _ resource.ResourceWithMoveState = (*projectResource)(nil)

// MoveState takes a mongodbatlas_project from the official provider with a
// moved block, so a configuration can adopt its projects while the rest stays
// with the official provider.
func (r *projectResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{movestate.SameType("mongodbatlas_project")}
}
