export function NoToken() {
  return (
    <div className="no-token">
      <section className="card" role="alert">
        <h1>基层党建台账</h1>
        <p>本页面需要通过启动时显示的专用地址打开，当前地址缺少访问令牌，因此没有读取任何数据。</p>
        <ol>
          <li>
            在程序目录中运行 <code>npm start</code>（或 <code>jiceng serve</code>）。
          </li>
          <li>
            命令行会显示一行“请在浏览器中打开：http://127.0.0.1:端口/?token=……”，请复制这个完整地址到浏览器中打开。
          </li>
          <li>每次启动的地址都不同；若页面提示令牌失效，请重新复制最新显示的地址。</li>
        </ol>
        <p className="muted">访问令牌用于防止本机其他用户或网页读取台账数据，请勿将地址发给他人。</p>
      </section>
    </div>
  );
}
