-- Tables: sort with a comparator, metatables, inheritance, ipairs/pairs order.
local t = {}
for i = 1, 20 do t[i] = (i * 7919) % 101 end
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local Vec = {}
Vec.__index = Vec
Vec.__add = function(a, b) return Vec.new(a.x + b.x, a.y + b.y) end
Vec.__tostring = function(v) return "(" .. v.x .. ", " .. v.y .. ")" end
function Vec.new(x, y) return setmetatable({ x = x, y = y }, Vec) end
function Vec:len() return math.sqrt(self.x ^ 2 + self.y ^ 2) end
local v = Vec.new(3, 4) + Vec.new(0, 0)
print(tostring(v), v:len())
local count = setmetatable({}, { __index = function() return 0 end })
for w in ("a b a c b a"):gmatch("%a") do count[w] = count[w] + 1 end
local keys = {}
for k in pairs(count) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", count[k], " ") end
print()
print(#t, select("#", table.unpack(t)), table.remove(t), table.move({1, 2, 3}, 1, 3, 2)[3])
