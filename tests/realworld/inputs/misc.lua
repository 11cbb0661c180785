-- Errors, closures, integer and float arithmetic, goto, varargs, string.pack.
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c = counter(); c(); c()
print(c(), pcall(error, { code = 7 }), select(2, pcall(error, "msg", 0)))
print(math.maxinteger, math.mininteger, math.maxinteger + 1 == math.mininteger)
print(3 / 2, 3 // 2, 3.0 // 2, 2 ^ 0.5, math.tointeger(4.0), math.type(1), math.type(1.0))
print(string.format("%.14g %.3e %g", 1 / 3, 123456.789, 1e300 * 10))
local function sum(...) local s = 0 for _, v in ipairs({ ... }) do s = s + v end return s end
print(sum(1, 2, 3, 4.5), select("#", nil, nil))
for i = 1, 3 do
  for j = 1, 3 do
    if i * j == 4 then goto done end
    io.write(i * j, " ")
  end
end
::done::
print()
local packed = string.pack("<i4 d z", -2, 0.5, "hi")
print(#packed, string.unpack("<i4 d z", packed))
print(xpcall(function() local t = nil; return t.x end, function(m) return "handled: " .. m end))
