(component
  (type $r u32)
  (type (own $r))
)
