-- The io library: write a file, append, read it back by lines and numbers, seek.
os.execute("mkdir -p /tmp/lua-io")
local name = "/tmp/lua-io/data.txt"
local f = assert(io.open(name, "w"))
for i = 1, 50 do f:write(i, " ", i * i, "\n") end
f:close()
f = assert(io.open(name, "a"))
f:write("tail line\n")
f:close()
local sum, n = 0, 0
for line in io.lines(name) do
  local a, b = line:match("(%d+) (%d+)")
  if a then sum = sum + tonumber(b); n = n + 1 end
end
print(n, sum)
f = assert(io.open(name, "r"))
print(f:read("n", "n"), f:seek("end"), f:seek("set", 3), f:read("l"))
f:close()
print(io.open("/t/no/such/file"))
print(io.type(f), io.type(io.stdout))
