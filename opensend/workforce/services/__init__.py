"""Every change to workforce records (issue 10): one module per area (`staff`, `senco`,
`keyworkers`, `training`, `policies`), each service keyword-only, atomic and audited."""
