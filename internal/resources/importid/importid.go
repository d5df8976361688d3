// Package importid parses the composite import IDs of the official provider,
// such as "{project_id}-{name}".
package importid

import (
	"fmt"
	"regexp"
)

var projectAndName = regexp.MustCompile(`^([a-f0-9]{24})-([a-zA-Z0-9][a-zA-Z0-9-]*)$`)

// ProjectAndName splits "{project_id}-{name}". kind names the resource type in
// the error, e.g. "mongodbatlas_flex_cluster".
func ProjectAndName(id, kind string) (projectID, name string, err error) {
	m := projectAndName.FindStringSubmatch(id)
	if m == nil {
		return "", "", fmt.Errorf("the import ID of %s must be {project_id}-{name}: the 24-hex project id, a hyphen and the name, "+
			"for example 5f1e2d3c4b5a697887766554-my-cluster. Got %q", kind, id)
	}
	return m[1], m[2], nil
}
