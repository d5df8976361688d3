package atlas

import (
	"context"
	"fmt"
)

// newServerlessWatch serves every wait on serverless instances of the
// process, as newFlexWatch does for flex clusters: one read per project per
// tick, the serverless list when several instances wait.
func newServerlessWatch(c *Client) *watch[*ServerlessInstance] {
	return newWatch(c, watchSource[*ServerlessInstance]{
		kind: "serverless instances",
		get:  c.GetServerlessInstance,
		list: func(ctx context.Context, projectID string) (map[string]*ServerlessInstance, error) {
			all, err := c.ListServerlessInstances(ctx, projectID)
			return byName(all, func(s *ServerlessInstance) string { return s.Name }), err
		},
		// A 404 from a serverless route that Atlas removed says nothing about
		// the instance: the wait ends with the error, and the caller looks
		// for the instance through the flex API.
		absent: func(err error) bool { return IsNotFound(err) && !IsEndpointGone(err) },
	})
}

// WaitForServerlessInstanceIdle waits until the serverless instance is IDLE
// after a create or an update, through the serverless API, and returns it as
// last seen. An instance that leaves the serverless API meanwhile (Atlas
// migrated it, or the API's sunset came) ends the wait with an error for which
// IsAbsentWhileWaiting or IsEndpointGone is true.
func (c *Client) WaitForServerlessInstanceIdle(ctx context.Context, projectID, name string) (*ServerlessInstance, error) {
	return awaitState(ctx, c.serverless, projectID, name, idleWait(fmt.Sprintf("serverless instance %q in project %s to be ready", name, projectID)), serverlessState)
}

// WaitForServerlessInstanceDeletion waits until the serverless API no longer
// knows the instance: absent from the project's list, or 404.
func (c *Client) WaitForServerlessInstanceDeletion(ctx context.Context, projectID, name string) error {
	_, err := awaitState(ctx, c.serverless, projectID, name, deletionWait(fmt.Sprintf("serverless instance %q in project %s to be deleted", name, projectID)), serverlessState)
	return err
}

func serverlessState(s *ServerlessInstance) string { return s.StateName }
